// MinBTL against the worked numbers of Bailey, Borwein, López de Prado & Zhu (2014), Notices AMS 61(5),
// and esvhd/pypbo's tests/pbo_tests.py::test_minBTL (minBTL(N=45, sharpe_IS=1) = 4.9980870044434038).
import { describe, expect, test } from "bun:test";
import { expectedMaxAnnualSharpe, maxTrialsForLength, minBacktestLength } from "../../src/mining/minbtl.ts";
import { expectedMaxZ } from "../../src/mining/sharpe.ts";
import { StatsInputError } from "../../src/mining/stats-input-error.ts";

describe("Minimum Backtest Length", () => {
  test("N = 45 at SR 1: MinBTL = 4.998 years (pypbo), under the 2·ln 45 = 7.61-year bound", () => {
    const m = minBacktestLength(45, 1);
    expect(m.years).toBeCloseTo(4.998087004443404, 12);
    expect(m.upperBound).toBeCloseTo(2 * Math.log(45), 14);
    expect(m.years).toBeLessThan(m.upperBound);
    expect(m.expectedMax).toBe(expectedMaxZ(45)); // the same E[max] as the DSR uses
  });

  test("the paper: 5 years of data support no more than 45 independent configurations at SR 1", () => {
    expect(maxTrialsForLength(5, 1)).toBe(45);
    expect(minBacktestLength(46, 1).years).toBeGreaterThan(5);
  });

  test("the paper: after only 10 trials, a 1-year backtest shows an IS SR ≈ 1.57 from nothing", () => {
    expect(expectedMaxAnnualSharpe(10, 1)).toBeCloseTo(1.57, 2);
    expect(expectedMaxAnnualSharpe(45, 5)).toBeCloseTo(0.9998, 4); // E[max_45]/√5
  });

  test("MinBTL scales with 1/SR²; no selection needs no length; SR ≤ 0 needs infinite length", () => {
    expect(minBacktestLength(45, 2).years).toBeCloseTo(4.998087004443404 / 4, 12);
    expect(minBacktestLength(1, 1)).toEqual({ years: 0, upperBound: 0, expectedMax: 0 });
    expect(minBacktestLength(100, 0).years).toBe(Number.POSITIVE_INFINITY);
    expect(minBacktestLength(100, -0.5).years).toBe(Number.POSITIVE_INFINITY);
    expect(maxTrialsForLength(1, 0)).toBe(1);
    // Fractional N̂ (correlated trials) sits between its integer neighbours.
    const f = minBacktestLength(38.5, 1).years;
    expect(f).toBeGreaterThan(minBacktestLength(38, 1).years);
    expect(f).toBeLessThan(minBacktestLength(39, 1).years);
  });

  test("bad input names the parameter", () => {
    expect(() => minBacktestLength(0, 1)).toThrow(StatsInputError);
    expect(() => minBacktestLength(10, Number.NaN)).toThrow(StatsInputError);
    expect(() => expectedMaxAnnualSharpe(10, 0)).toThrow(StatsInputError);
    expect(() => maxTrialsForLength(-1, 1)).toThrow(StatsInputError);
  });
});

import { describe, expect, test } from "bun:test";
import {
  accountStats,
  dailyReturns,
  equityCurve,
  monthRows,
} from "../../../src/api/summary/account-stats.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 25);

/** One snapshot a day from 10,000 with the given daily returns. */
function path(returns: number[]) {
  let e = 10_000;
  const out = [{ t: T0, equity: e }];
  returns.forEach((r, i) => {
    e *= 1 + r;
    out.push({ t: T0 + (i + 1) * DAY, equity: e });
  });
  return out;
}

describe("accountStats", () => {
  test("months compound to the total return; drawdown within [0, 100]; Sharpe has the sign of the mean daily return", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const returns = Array.from(
        { length: 60 },
        (_, i) => Math.sin(seed * 7.3 + i * 1.7) * 0.03 + (seed % 3) * 0.001 - 0.001,
      );
      const points = path(returns);
      const w = { from: T0, to: T0 + 61 * DAY };
      const a = accountStats(points, [], w);
      const months = monthRows(points, []);
      const compounded = months.reduce((g, m) => g * (1 + m.returnPct / 100), 1);
      expect((compounded - 1) * 100).toBeCloseTo(a.returnPct, 8);
      expect(a.maxDrawdownPct).toBeGreaterThanOrEqual(0);
      expect(a.maxDrawdownPct).toBeLessThanOrEqual(100);
      const daily = dailyReturns(points);
      const mean = daily.reduce((s, r) => s + r, 0) / daily.length;
      expect(Math.sign(a.sharpe!)).toBe(Math.sign(mean));
      expect(Math.sign(a.sortino!)).toBe(Math.sign(mean));
    }
  });

  test("equity at or below zero is ruin: −100%, drawdown 100%, end 0, no returns after it", () => {
    const points = [
      { t: T0, equity: 1000 },
      { t: T0 + DAY, equity: 400 },
      { t: T0 + 2 * DAY, equity: -50 },
      { t: T0 + 3 * DAY, equity: 300 },
    ];
    const a = accountStats(points, [], { from: T0, to: T0 + 40 * DAY });
    expect(a).toMatchObject({
      returnPct: -100,
      maxDrawdownPct: 100,
      endEquity: 0,
      netPnl: -1000,
      cagrPct: -100,
    });
    expect(a.ruin).toEqual({ t: T0 + 2 * DAY, equity: -50 });
    expect(dailyReturns(points)).toEqual([-0.6, -1]);
    expect(monthRows(points, []).at(-1)!.endEquity).toBe(-50);
  });

  test("under 30 days no CAGR; a flat account has no Sharpe (zero variance)", () => {
    const flat = path([0, 0, 0]);
    const a = accountStats(flat, [], { from: T0, to: T0 + 4 * DAY });
    expect(a).toMatchObject({ cagrPct: null, sharpe: null, sortino: null, calmar: null, returnPct: 0 });
  });

  test("the thinned equity curve keeps the deepest drawdown", () => {
    const points = path(Array.from({ length: 999 }, (_, i) => (i === 500 ? -0.4 : i === 501 ? 0.5 : 0.001)));
    const full = Math.max(...equityCurve(points, 10_000).map((p) => p.drawdownPct));
    const thin = equityCurve(points, 100);
    expect(thin.length).toBeLessThanOrEqual(102);
    expect(Math.max(...thin.map((p) => p.drawdownPct))).toBe(full);
  });
});

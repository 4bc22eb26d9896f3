/**
 * The z-score and Hurst reference classes against values computed by published implementations on
 * the same real series (fixtures/zscore-hurst.json, made by fixtures/zscore-hurst.py): pandas'
 * rolling mean / std (ddof 1), numpy's two-pass mean / std(ddof=1) of the same windows, and the
 * `hurst` package's compute_Hc(kind="change", simplified=False) on the last 100 log returns.
 * pandas' rolling moments are running sums whose rounding drifts (up to ~8e-9 in z over BTC-1h),
 * so z is held to numpy's two-pass values to 1e-12 and to pandas' to 2e-8; H to compute_Hc to 1e-12.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Interval } from "../../../src/core/intervals.ts";
import { Hurst, hurstSlopeCoefficients, hurstWindowSizes } from "../../../src/market/features/hurst.ts";
import { ZScore } from "../../../src/market/features/zscore.ts";
import { candles } from "./real-data.ts";

type Row = [index: number, t: number, zPandas: number | null, zNumpy: number, h: number | null];
const fixture = JSON.parse(readFileSync(join(import.meta.dir, "fixtures/zscore-hurst.json"), "utf8")) as {
  zscore_bars: number;
  hurst_bars: number;
  series: Record<string, Row[]>;
};

describe("z-score and Hurst equal pandas / the hurst package on real HL candles", () => {
  for (const [name, rows] of Object.entries(fixture.series)) {
    test(`${name}: ${rows.length} bars`, () => {
      const [coin, tf] = name.split("-") as [string, Interval];
      const c = candles(coin, tf);
      const z = new ZScore(fixture.zscore_bars);
      const h = new Hurst(fixture.hurst_bars);
      const zs: number[] = [];
      const hs: number[] = [];
      for (const bar of c) {
        zs.push(z.add(bar.close));
        hs.push(h.add(bar.close));
      }
      let worstPandas = 0;
      let worstZ = 0;
      let worstH = 0;
      for (const [i, t, zPandas, zNumpy, hRef] of rows) {
        expect(c[i]!.t, `${name} bar ${i}`).toBe(t);
        expect(zPandas).not.toBeNull();
        expect(hRef).not.toBeNull();
        worstPandas = Math.max(worstPandas, Math.abs(zs[i]! - zPandas!));
        worstZ = Math.max(worstZ, Math.abs(zs[i]! - zNumpy));
        worstH = Math.max(worstH, Math.abs(hs[i]! - hRef!));
      }
      expect(worstZ, "largest |z − numpy two-pass|").toBeLessThan(1e-12);
      expect(worstPandas, "largest |z − pandas rolling|").toBeLessThan(2e-8);
      expect(worstH, "largest |H − compute_Hc|").toBeLessThan(1e-12);
    });
  }
});

describe("definitions", () => {
  test("chunk sizes and slope weights of a 100-return window (10, 17, 31, 56, 100)", () => {
    expect(hurstWindowSizes(100)).toEqual([10, 17, 31, 56, 100]);
    expect(hurstWindowSizes(20)).toEqual([10, 17, 20]);
    const coef = hurstSlopeCoefficients([10, 100]);
    // Two points: slope = (y1 − y0) / (log10 100 − log10 10).
    expect([...coef]).toEqual([-1, 1]);
  });

  test("z-score uses the sample sd; a flat window reads 0; first value on the period-th close", () => {
    const z = new ZScore(4);
    expect(Number.isNaN(z.add(1))).toBe(true);
    z.add(2);
    z.add(3);
    // mean 2.5, sample sd √(5/3).
    expect(z.add(4)).toBeCloseTo(1.5 / Math.sqrt(5 / 3), 14);
    const flat = new ZScore(5);
    for (let i = 0; i < 5; i++) flat.add(0.1);
    expect(flat.value).toBe(0);
  });

  test("Hurst: alternating returns are anti-persistent, a persistent walk is above 0.5, flat is NaN", () => {
    const alt = new Hurst(100);
    const trend = new Hurst(100);
    const flat = new Hurst(100);
    let q = 100;
    for (let i = 0; i <= 100; i++) {
      alt.add(100 * (1 + 0.01 * (i % 2)));
      // Returns that rise steadily: long runs of the same sign.
      q *= 1 + 0.0001 * (i % 50);
      trend.add(q);
      flat.add(100);
    }
    expect(alt.value).toBeLessThan(0.2);
    expect(trend.value).toBeGreaterThan(0.8);
    expect(Number.isNaN(flat.value)).toBe(true);
  });
});

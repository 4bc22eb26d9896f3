import { describe, expect, test } from "bun:test";
import { mean, weightedMoments } from "../../src/mining/moments.ts";

describe("weighted moments", () => {
  test("unit weights give the sample sd (n−1) and population skew / Pearson kurtosis", () => {
    const x = [-1, -1, -1, 2, 2, 0.5];
    const m = weightedMoments(x);
    const mu = 1.5 / 6;
    const d = x.map((v) => v - mu);
    const m2 = d.reduce((s, v) => s + v * v, 0) / 6;
    expect(m.mean).toBeCloseTo(mu, 12);
    expect(m.sd).toBeCloseTo(Math.sqrt((m2 * 6) / 5), 12);
    expect(m.skew).toBeCloseTo(d.reduce((s, v) => s + v ** 3, 0) / 6 / m2 ** 1.5, 12);
    expect(m.kurtosis).toBeCloseTo(d.reduce((s, v) => s + v ** 4, 0) / 6 / m2 ** 2, 12);
  });

  test("integer weights equal repeating the observations (mean, skew, kurtosis)", () => {
    const w = weightedMoments([1, 3, -2], [2, 1, 3]);
    const r = weightedMoments([1, 1, 3, -2, -2, -2]);
    expect(w.mean).toBeCloseTo(r.mean, 12);
    expect(w.skew).toBeCloseTo(r.skew, 12);
    expect(w.kurtosis).toBeCloseTo(r.kurtosis, 12);
  });

  test("undefined cases are NaN, never a crash", () => {
    expect(weightedMoments([1]).sd).toBeNaN();
    expect(weightedMoments([2, 2, 2]).skew).toBeNaN();
    expect(mean([], 0, 0)).toBeNaN();
    expect(mean([1, 2, 3, 4], 2)).toBe(3.5);
  });
});

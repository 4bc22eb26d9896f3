import { describe, expect, test } from "bun:test";
import { estimatePrior, probabilityAbove, shrink } from "../../src/mining/shrinkage.ts";

describe("empirical-Bayes shrinkage", () => {
  test("equal standard errors: the James–Stein form with τ̂² by moments (Efron & Morris 1975)", () => {
    const m = [0.3, 0.1, -0.1, 0.5, 0.0];
    const se2 = m.map(() => 0.01);
    const prior = estimatePrior(m, se2)!;
    const mBar = 0.16;
    const ss = m.reduce((s, v) => s + (v - mBar) ** 2, 0);
    expect(prior.tau2).toBeCloseTo(ss / 4 - 0.01, 12);
    expect(prior.mu0).toBeCloseTo(mBar, 12);
    const s = shrink(0.5, 0.01, prior);
    const b = 0.01 / (0.01 + prior.tau2);
    expect(s.shrinkage).toBeCloseTo(b, 12);
    expect(s.theta).toBeCloseTo(mBar + (1 - b) * (0.5 - mBar), 12);
    expect(s.variance).toBeCloseTo((1 - b) * 0.01 + b * b * prior.mu0Variance, 12);
  });

  test("no spread beyond noise: every bucket collapses to the pooled mean with the pooled variance", () => {
    const prior = estimatePrior([0.1, 0.12, 0.08], [0.01, 0.01, 0.01])!;
    expect(prior.tau2).toBe(0);
    const s = shrink(0.12, 0.01, prior);
    expect(s.theta).toBeCloseTo(0.1, 12);
    expect(s.variance).toBeCloseTo(0.01 / 3, 12);
  });

  test("a strategy with one bucket is not shrunk; P(θ > c) is normal", () => {
    expect(estimatePrior([0.2], [0.01])).toBeNull();
    const s = shrink(0.2, 0.01, null);
    expect(s.theta).toBe(0.2);
    expect(probabilityAbove(s, 0.05)).toBeCloseTo(0.9331927987311419, 12); // Φ(1.5)
    expect(probabilityAbove({ shrinkage: 1, theta: 0.1, variance: 0 }, 0.05)).toBe(1);
  });
});

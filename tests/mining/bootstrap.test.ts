import { describe, expect, test } from "bun:test";
import { stationaryBootstrapP } from "../../src/mining/bootstrap.ts";
import { lag1Autocorrelation } from "../../src/mining/daily.ts";
import { weightedMoments } from "../../src/mining/moments.ts";
import { normCdf } from "../../src/mining/normal.ts";
import { sfc32 } from "../../src/mining/rng.ts";

function ar1(n: number, phi: number, mu: number, seed: number): Float64Array {
  const rand = sfc32(seed);
  const out = new Float64Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    prev = phi * prev + z;
    out[i] = mu + prev;
  }
  return out;
}

describe("stationary bootstrap (Politis & Romano 1994)", () => {
  test("is deterministic for a seed; stops at the 10th tail hit (Besag & Clifford 1991)", () => {
    const x = ar1(300, 0.4, 0.02, 1);
    const a = stationaryBootstrapP(x, 999, sfc32(7));
    expect(stationaryBootstrapP(x, 999, sfc32(7))).toEqual(a);
    expect(a.meanBlock).toBeCloseTo(Math.cbrt(300), 12);
    expect(a.hits).toBe(10);
    expect(a.draws).toBeLessThan(999);
    expect(a.p).toBeCloseTo(10 / a.draws, 12);
  });

  test("beyond its resolution the p is the normal tail with the bootstrap standard error", () => {
    const x = ar1(300, 0.4, 0.8, 2); // a strong mean: no draw reaches the tail
    const r = stationaryBootstrapP(x, 499, sfc32(3));
    expect(r.draws).toBe(499);
    expect(r.hits).toBeLessThan(10);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    expect(r.p).toBeCloseTo(1 - normCdf(mean / r.se), 12);
    expect(r.p).toBeLessThan(1 / 500);
    // The bootstrap SE of an AR(1) mean with φ = 0.4 exceeds the IID SE (long-run variance factor (1+φ)/(1−φ)).
    const m = weightedMoments(x);
    expect(r.se).toBeGreaterThan((m.sd / Math.sqrt(x.length)) * 1.3);
  });

  test("with positive autocorrelation the bootstrap p is larger than the IID normal p", () => {
    let wider = 0;
    for (let s = 0; s < 20; s++) {
      const x = ar1(400, 0.5, 0.12, 100 + s);
      const m = weightedMoments(x);
      const naive = 1 - normCdf((m.mean / m.sd) * Math.sqrt(x.length));
      if (stationaryBootstrapP(x, 999, sfc32(s)).p > naive) wider++;
    }
    expect(wider).toBeGreaterThanOrEqual(17);
  });

  test("under H0 (mean 0) it rejects at 5% about 5% of the time", () => {
    let rejections = 0;
    const runs = 200;
    for (let s = 0; s < runs; s++) {
      const x = ar1(200, 0.3, 0, 1000 + s);
      if (stationaryBootstrapP(x, 199, sfc32(s)).p <= 0.05) rejections++;
    }
    expect(rejections / runs).toBeLessThan(0.1);
    expect(lag1Autocorrelation(ar1(5000, 0.3, 0, 3))).toBeCloseTo(0.3, 1);
  });
});

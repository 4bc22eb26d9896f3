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
  test("is deterministic for a seed and gives p in (0, 1] with resolution 1/(B+1)", () => {
    const x = ar1(300, 0.4, 0.05, 1);
    const a = stationaryBootstrapP(x, 999, sfc32(7));
    const b = stationaryBootstrapP(x, 999, sfc32(7));
    expect(a).toEqual(b);
    expect(a.meanBlock).toBeCloseTo(Math.cbrt(300), 12);
    expect(a.p * 1000).toBeCloseTo(Math.round(a.p * 1000), 9);
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

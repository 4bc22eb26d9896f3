// The IC and its verdict on constructed data where the answer is known.
import { describe, expect, test } from "bun:test";
import { type Random, sfc32 } from "../../src/mining/rng.ts";
import { icVerdict, informationCoefficient, rankByIc } from "../../src/research/ic.ts";
import { requiredSampleSize } from "../../src/research/sample-size.ts";
import { averageRanks, ranksOf, spearman, tieGroups } from "../../src/research/spearman.ts";

function normals(rand: Random, n: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const u = 1 - rand();
    const v = rand();
    out.push(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

describe("spearman", () => {
  test("average ranks for ties; monotone relations give ±1", () => {
    expect([...averageRanks([10, 20, 20, 5])]).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(Number.isNaN(spearman([1, 1, 1], [1, 2, 3]))).toBe(true);
  });

  test("ranking a resample by counting equals ranking its values", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const idx = Int32Array.from([0, 0, 3, 9, 5, 1, 1, 7, 8, 4]);
    const g = tieGroups(x);
    const out = new Float64Array(idx.length);
    ranksOf(idx, g.group, new Float64Array(g.count), out);
    expect([...out]).toEqual([...averageRanks(Array.from(idx, (i) => x[i]!))]);
  });
});

describe("informationCoefficient", () => {
  test("a planted relation is found: CI excludes 0 and covers the true Spearman ρ", () => {
    const rand = sfc32(11);
    const x = normals(rand, 500);
    const noise = normals(rand, 500);
    const r = x.map((v, i) => v + noise[i]!);
    // Pearson ρ = 1/√2; for a bivariate normal Spearman's ρ = (6/π)·asin(ρ/2) = 0.690160
    const res = informationCoefficient(x, r, { name: "planted", seed: 3 });
    expect(res.n).toBe(500);
    expect(res.ci[0]).toBeGreaterThan(0);
    expect(res.ci[0]).toBeLessThan(0.69016);
    expect(res.ci[1]).toBeGreaterThan(0.69016);
    expect(icVerdict(res).verdict).toBe("real effect");
  });

  test("a null feature's CI covers 0; with enough pairs it is a paper tiger", () => {
    const rand = sfc32(12);
    const res = informationCoefficient(normals(rand, 1000), normals(rand, 1000), { name: "null", seed: 3 });
    expect(res.ci[0]).toBeLessThan(0);
    expect(res.ci[1]).toBeGreaterThan(0);
    expect(icVerdict(res)).toMatchObject({ verdict: "paper tiger", neededN: null });
  });

  test("thin data: not enough data, with the sample size a ±0.1 CI needs", () => {
    const rand = sfc32(13);
    const res = informationCoefficient(normals(rand, 60), normals(rand, 60), { name: "thin" });
    const v = icVerdict(res);
    expect(v.verdict).toBe("not enough data");
    expect(v.neededN).toBeGreaterThanOrEqual(408); // the iid requirement at IC 0 (sample-size test)
    expect(icVerdict({ ...res, n: 20 }).rule).toContain("< 30");
  });

  test("coverage: the 95% CI covers the null's 0 in about 95% of 400 null samples", () => {
    const rand = sfc32(21);
    let covered = 0;
    for (let k = 0; k < 400; k++) {
      const res = informationCoefficient(normals(rand, 150), normals(rand, 150), {
        name: `n${k}`,
        draws: 400,
      });
      if (res.ci[0] <= 0 && res.ci[1] >= 0) covered++;
    }
    // binomial sd at 95% over 400: 1.1 points; the percentile bootstrap runs slightly narrow at n = 150
    expect(covered / 400).toBeGreaterThan(0.91);
    expect(covered / 400).toBeLessThan(0.985);
  });

  test("dependence widens the interval: autocorrelated series show a design effect", () => {
    const rand = sfc32(31);
    const ar = (e: number[]) => {
      const out: number[] = [];
      let v = 0;
      for (const x of e) {
        v = 0.9 * v + x;
        out.push(v);
      }
      return out;
    };
    const res = informationCoefficient(ar(normals(rand, 600)), ar(normals(rand, 600)), { name: "ar" });
    expect(res.designEffect).toBeGreaterThan(2);
  });

  test("deterministic per seed and name; pairs with a missing feature are dropped", () => {
    const rand = sfc32(41);
    const x: (number | null)[] = normals(rand, 200);
    const r = normals(rand, 200);
    x[5] = null;
    x[6] = Number.NaN;
    const a = informationCoefficient(x, r, { name: "f", seed: 9 });
    expect(a.n).toBe(198);
    expect(informationCoefficient(x, r, { name: "f", seed: 9 })).toEqual(a);
    expect(informationCoefficient(x, r, { name: "g", seed: 9 }).ci).not.toEqual(a.ci);
  });

  test("rankByIc orders by |IC|", () => {
    const base = {
      n: 100,
      ci: [0, 0] as [number, number],
      confidence: 0.95,
      se: 0,
      designEffect: 1,
      draws: 1,
      meanBlock: 1,
    };
    const ranked = rankByIc([
      { ...base, name: "a", ic: 0.1 },
      { ...base, name: "b", ic: -0.3 },
      { ...base, name: "c", ic: Number.NaN },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(["b", "a", "c"]);
  });
});

describe("requiredSampleSize", () => {
  test("IC 0, ±0.1 at 95%: n = 3 + 1.06 / (atanh(0.1) / 1.959964)² = 408", () => {
    // atanh(0.1) = 0.1003353; se = 0.1003353 / 1.959964 = 0.0511924; 1.06 / se² = 404.477 → 407.48 → 408
    expect(requiredSampleSize({ halfWidth: 0.1 })).toBe(408);
    // a design effect of 2 doubles the 1.06/se² term: 3 + 808.95 → 812
    expect(requiredSampleSize({ halfWidth: 0.1, designEffect: 2 })).toBe(812);
    // a strong IC needs fewer pairs for the same half-width (the CI narrows as |ρ| → 1)
    expect(requiredSampleSize({ halfWidth: 0.1, ic: 0.5 })).toBeLessThan(408);
  });

  test("at that n, independent data give bootstrap CIs of about ±0.1", () => {
    const rand = sfc32(51);
    let half = 0;
    for (let k = 0; k < 20; k++) {
      const res = informationCoefficient(normals(rand, 408), normals(rand, 408), {
        name: `s${k}`,
        draws: 400,
      });
      half += (res.ci[1] - res.ci[0]) / 2 / 20;
    }
    expect(half).toBeGreaterThan(0.085);
    expect(half).toBeLessThan(0.115);
  });
});

// Holm (1979) and Bonferroni against R's p.adjust (R 4.2.2) on published examples: the 15 p-values of
// Benjamini & Hochberg (1995)'s worked example (the family fdr.test.ts uses, where Bonferroni rejects
// three), and the example of R's own ?p.adjust help page rebuilt from set.seed(123).
import { describe, expect, test } from "bun:test";
import { fdrAdjust } from "../../src/mining/fdr.ts";
import { fwerAdjust } from "../../src/mining/fwer.ts";
import { normCdf } from "../../src/mining/normal.ts";
import { StatsInputError } from "../../src/mining/stats-input-error.ts";
import { rSetSeed } from "./support/r-rng.ts";

const BH95 = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
  0.759, 1,
];

describe("Holm and Bonferroni on the Benjamini–Hochberg (1995) family", () => {
  test("adjusted values equal R's p.adjust(p, 'holm')", () => {
    const r = fwerAdjust(BH95, 0.05, "holm");
    const want = [0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1];
    for (const [i, v] of want.entries()) expect(r.adjusted[i]).toBeCloseTo(v, 14);
    expect(r.rejected).toEqual([true, true, true, ...Array(12).fill(false)]);
    expect(r.threshold[3]).toBeCloseTo(0.05 / 12, 15); // p(4) = 0.0095 > α/12: the step-down stops here
  });

  test("adjusted values equal R's p.adjust(p, 'bonferroni'); three rejections, as the paper says", () => {
    const r = fwerAdjust(BH95, 0.05, "bonferroni");
    const want = [0.0015, 0.006, 0.0285, 0.1425, 0.3015, 0.417, 0.447, 0.516, 0.6885, 1, 1, 1, 1, 1, 1];
    for (const [i, v] of want.entries()) expect(r.adjusted[i]).toBeCloseTo(v, 14);
    expect(r.rejected.filter(Boolean).length).toBe(3);
    expect(r.threshold.every((t) => t === 0.05 / 15)).toBe(true);
    // BH on the same family rejects four (fdr.test.ts): FDR control is the less strict error rate.
    expect(fdrAdjust(BH95, 0.05).rejected.filter(Boolean).length).toBe(4);
  });
});

describe("R's ?p.adjust example: x <- rnorm(50, mean = c(rep(0, 25), rep(3, 25))); p <- 2*pnorm(sort(-abs(x)))", () => {
  const r = rSetSeed(123);
  const x = Array.from({ length: 50 }, (_, i) => r.norm(i < 25 ? 0 : 3));
  const p = x
    .map((v) => -Math.abs(v))
    .sort((a, b) => a - b)
    .map((v) => 2 * normCdf(v));

  test("the p-values and Holm-adjusted values R 4.2.2 computes", () => {
    const pR = [2.3540535079793408e-7, 2.1015902407242859e-5, 2.5768418740401113e-5, 9.8147833236073584e-5];
    for (const [i, v] of pR.entries()) expect(p[i]! / v).toBeCloseTo(1, 9);
    const holm = fwerAdjust(p, 0.05, "holm");
    const holmR = [1.1770267539896705e-5, 1.0297792179549e-3, 1.2368840995392533e-3, 4.6129481620954581e-3];
    for (const [i, v] of holmR.entries()) expect(holm.adjusted[i]! / v).toBeCloseTo(1, 9);
    // round(p.adjust(p), 3)[11..13] = 0.024, 0.063, 0.125; [22..] = 1.
    expect(holm.adjusted[10]).toBeCloseTo(0.024, 3);
    expect(holm.adjusted[11]).toBeCloseTo(0.063, 3);
    expect(holm.adjusted[12]).toBeCloseTo(0.125, 3);
    expect(holm.adjusted.slice(21).every((v) => v === 1)).toBe(true);
  });

  test("rejections at 5%: Holm 11, Bonferroni 11, BH 20 (R: sum(p.adjust(p, m) <= 0.05))", () => {
    const holm = fwerAdjust(p, 0.05, "holm");
    expect(holm.rejected.filter(Boolean).length).toBe(11);
    expect(holm.rejected).toEqual(holm.adjusted.map((q) => q <= 0.05));
    expect(fwerAdjust(p, 0.05, "bonferroni").rejected.filter(Boolean).length).toBe(11);
    expect(fdrAdjust(p, 0.05, "bh").rejected.filter(Boolean).length).toBe(20);
  });
});

describe("order, ties and edges", () => {
  test("input order is kept; tied p-values get equal adjusted values (R: 0.12 0.005 0.9 0.12 0.12)", () => {
    const r = fwerAdjust([0.04, 0.001, 0.9, 0.03, 0.03], 0.05, "holm");
    expect(r.rank).toEqual([4, 1, 5, 2, 3]);
    for (const [i, v] of [0.12, 0.005, 0.9, 0.12, 0.12].entries()) expect(r.adjusted[i]).toBeCloseTo(v, 15);
    expect(r.rejected).toEqual([false, true, false, false, false]);
  });

  test("Holm rejects at least what Bonferroni rejects", () => {
    const p = [0.01, 0.012, 0.013, 0.2];
    expect(fwerAdjust(p, 0.05, "bonferroni").rejected).toEqual([true, true, false, false]);
    expect(fwerAdjust(p, 0.05, "holm").rejected).toEqual([true, true, true, false]);
  });

  test("an empty family adjusts nothing; bad p or α is refused", () => {
    expect(fwerAdjust([], 0.05).adjusted).toEqual([]);
    expect(() => fwerAdjust([0.5, Number.NaN], 0.05)).toThrow(StatsInputError);
    expect(() => fwerAdjust([1.5], 0.05)).toThrow(StatsInputError);
    expect(() => fwerAdjust([0.5], 0)).toThrow(StatsInputError);
  });
});

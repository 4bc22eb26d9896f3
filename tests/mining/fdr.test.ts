import { describe, expect, test } from "bun:test";
import { fdrAdjust } from "../../src/mining/fdr.ts";

// Benjamini & Hochberg (1995), JRSS B 57(1) pp. 289–300, worked example: the 15 p-values of the "cardiac and other events"
// family of the thrombolysis trial of Neuhaus et al. (1992). At q = 0.05 BH rejects the four smallest;
// Bonferroni (0.05/15) only three. Adjusted values as in scipy.stats.false_discovery_control's docs.
const BH95 = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
  0.759, 1,
];

describe("Benjamini–Hochberg / Benjamini–Yekutieli", () => {
  test("BH 1995 example: four rejections at q = 0.05, three under Bonferroni", () => {
    const r = fdrAdjust(BH95, 0.05, "bh");
    expect(r.rejected).toEqual([true, true, true, true, ...Array(11).fill(false)]);
    expect(BH95.filter((p) => p <= 0.05 / 15).length).toBe(3);
    const scipy = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714, 0.06385714, 0.0645, 0.0765, 0.486, 0.58118182,
      0.714875, 0.75323077, 0.81321429, 1,
    ];
    for (const [i, q] of r.q.entries()) expect(q).toBeCloseTo(scipy[i]!, 7);
    expect(r.q.filter((q) => q <= 0.05).length).toBe(4);
  });

  test("BY (Benjamini & Yekutieli 2001) on the same family: c(15) = 3.318, three rejections", () => {
    const r = fdrAdjust(BH95, 0.05, "by");
    expect(r.c).toBeCloseTo(3.3182289932, 9);
    expect(r.rejected.filter(Boolean).length).toBe(3);
    expect(r.q[3]).toBeCloseTo(0.035625 * r.c, 10);
  });

  test("input order is kept, ranks are 1-based, and the step-up rejects below a failing middle p", () => {
    const r = fdrAdjust([0.04, 0.001, 0.9, 0.03], 0.1, "bh");
    expect(r.rank).toEqual([3, 1, 4, 2]);
    expect(r.threshold[1]).toBeCloseTo(0.025, 12);
    expect(r.rejected).toEqual([true, true, false, true]);
    const stepUp = fdrAdjust([0.011, 0.02, 0.029], 0.03, "bh");
    expect(stepUp.rejected).toEqual([true, true, true]); // p(1) > 0.01 but p(3) ≤ 0.03 rejects all three
  });

  test("an empty family adjusts nothing", () => {
    expect(fdrAdjust([], 0.1).q).toEqual([]);
  });
});

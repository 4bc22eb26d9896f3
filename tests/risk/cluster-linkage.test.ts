import { describe, expect, test } from "bun:test";
import { clusterCoins, effectiveBets } from "../../src/risk/cluster-linkage.ts";

const NaN_ = Number.NaN;

describe("clusterCoins (average linkage on 1 − ρ)", () => {
  // A–B 0.9 and C–D 0.8 apart, 0.1 across.
  const corr = [
    [1, 0.9, 0.1, 0.1],
    [0.9, 1, 0.1, 0.1],
    [0.1, 0.1, 1, 0.8],
    [0.1, 0.1, 0.8, 1],
  ];

  test("two pairs at ρ ≥ 0.7; one cluster once the threshold is below their mean cross-correlation", () => {
    const two = clusterCoins(["A", "B", "C", "D"], corr, 0.7);
    expect(two.map((c) => c.members)).toEqual([
      ["A", "B"],
      ["C", "D"],
    ]);
    expect(two.map((c) => c.label)).toEqual(["A", "C"]);
    // mean distance between {A,B} and {C,D} = 1 − 0.1 = 0.9 ≤ 1 − 0.05
    expect(clusterCoins(["A", "B", "C", "D"], corr, 0.05).map((c) => c.members)).toEqual([
      ["A", "B", "C", "D"],
    ]);
  });

  test("average, not single, linkage: C joins {A,B} only when its MEAN distance is within the threshold", () => {
    // ρ(A,B) 0.9, ρ(A,C) 0.75, ρ(B,C) 0.6: after A+B, d(C, AB) = (0.25 + 0.4) / 2 = 0.325.
    const m = [
      [1, 0.9, 0.75],
      [0.9, 1, 0.6],
      [0.75, 0.6, 1],
    ];
    expect(clusterCoins(["A", "B", "C"], m, 0.7).map((c) => c.members)).toEqual([["A", "B"], ["C"]]);
    expect(clusterCoins(["A", "B", "C"], m, 0.67).map((c) => c.members)).toEqual([["A", "B", "C"]]);
  });

  test("an unmeasured correlation counts as 0", () => {
    const m = [
      [1, NaN_],
      [NaN_, 1],
    ];
    expect(clusterCoins(["A", "B"], m, 0.5).length).toBe(2);
    expect(effectiveBets(m, [0, 1])).toBe(2);
  });
});

describe("effectiveBets = k² / Σ ρ²", () => {
  test("hand-computed", () => {
    const m = [
      [1, 0.9, 0.1, 0.1],
      [0.9, 1, 0.1, 0.1],
      [0.1, 0.1, 1, 0.8],
      [0.1, 0.1, 0.8, 1],
    ];
    // {A,B}: 4 / (2 + 2·0.81) = 4 / 3.62
    expect(effectiveBets(m, [0, 1])).toBeCloseTo(4 / 3.62, 12);
    // all four: 16 / (4 + 2·0.81 + 2·0.64 + 8·0.01) = 16 / 6.98
    expect(effectiveBets(m, [0, 1, 2, 3])).toBeCloseTo(16 / 6.98, 12);
    expect(effectiveBets(m, [2])).toBe(1);
  });

  test("k independent coins are k bets; k clones are one", () => {
    const id = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const clones = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ];
    expect(effectiveBets(id, [0, 1, 2])).toBe(3);
    expect(effectiveBets(clones, [0, 1, 2])).toBe(1);
  });
});

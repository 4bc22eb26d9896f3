import { describe, expect, test } from "bun:test";
import { averageUniqueness } from "../../src/mining/uniqueness.ts";

describe("average uniqueness (López de Prado, AFML §4.4)", () => {
  test("disjoint trades are fully unique: n_eff = n", () => {
    const u = averageUniqueness([0, 10, 20], [10, 20, 30]);
    expect([...u]).toEqual([1, 1, 1]);
  });

  test("two identical trades count as one", () => {
    const u = averageUniqueness([0, 0], [10, 10]);
    expect(u[0]! + u[1]!).toBeCloseTo(1, 12);
  });

  test("partial overlap: [0,4) and [2,6) share half their lives (ū = (2·1 + 2·½)/4 = 0.75)", () => {
    const u = averageUniqueness([0, 2], [4, 6]);
    expect(u[0]).toBeCloseTo(0.75, 12);
    expect(u[1]).toBeCloseTo(0.75, 12);
  });

  test("a trade nested in a longer one: AFML's c_t bookkeeping", () => {
    // [0,10) and [2,4): c = 1 on [0,2) ∪ [4,10), 2 on [2,4).
    const u = averageUniqueness([0, 2], [10, 4]);
    expect(u[0]).toBeCloseTo((8 + 2 / 2) / 10, 12);
    expect(u[1]).toBeCloseTo(0.5, 12);
  });

  test("zero-length trades count as 1 ms", () => {
    const u = averageUniqueness([5, 5], [5, 5]);
    expect(u[0]).toBeCloseTo(0.5, 12);
  });
});

describe("average uniqueness against a brute-force grid", () => {
  test("random overlapping trades in any order match the discretised definition", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 20; round++) {
      const n = 2 + Math.floor(rand() * 12);
      const open = Array.from({ length: n }, () => Math.floor(rand() * 50));
      const close = open.map((o) => o + 1 + Math.floor(rand() * 20));
      const u = averageUniqueness(open, close);
      // c(t) on unit cells [t, t+1): every bound is an integer, so the cells are exact.
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let t = open[i]!; t < close[i]!; t++) {
          let c = 0;
          for (let j = 0; j < n; j++) if (open[j]! <= t && t < close[j]!) c++;
          sum += 1 / c;
        }
        expect(u[i]!).toBeCloseTo(sum / (close[i]! - open[i]!), 12);
      }
    }
  });
});

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

import { describe, expect, test } from "bun:test";
import { insertionSortBy2, nearSortedOrder } from "../../src/mining/near-sorted.ts";
import { sfc32 } from "../../src/mining/rng.ts";

/** Exits of trades entered in order with random holding times: out of order within a holding period. */
function nearlySorted(n: number, seed: number): Float64Array {
  const rand = sfc32(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = i * 10 + Math.floor(rand() * 60) + (i % 7 === 0 ? 0 : 0.5);
  return out;
}

describe("near-sorted", () => {
  test("nearSortedOrder equals a stable comparator sort, ties by index", () => {
    const v = nearlySorted(5_000, 1);
    v[10] = v[11]!; // a tie
    const expected = [...v.keys()].sort((a, b) => v[a]! - v[b]! || a - b);
    expect([...nearSortedOrder(v)!]).toEqual(expected);
  });

  test("insertionSortBy2 equals the comparator sort by (primary, secondary, index)", () => {
    const primary = nearlySorted(4_000, 2);
    const secondary = nearlySorted(4_000, 3);
    for (let i = 0; i < 4_000; i += 13) primary[i + 1] = primary[i]!; // ties on the primary key
    primary[101] = primary[100]!;
    secondary[101] = secondary[100]!; // a tie on both: index decides
    const order = new Uint32Array(4_000).map((_, i) => i);
    expect(insertionSortBy2(order, primary, secondary)).toBe(true);
    const expected = [...primary.keys()].sort(
      (a, b) => primary[a]! - primary[b]! || secondary[a]! - secondary[b]! || a - b,
    );
    expect([...order]).toEqual(expected);
  });

  test("a reversed input exceeds the move budget and is left to the caller's sort", () => {
    const v = Float64Array.from({ length: 1_000 }, (_, i) => 1_000 - i);
    expect(nearSortedOrder(v)).toBeNull();
    const order = new Int32Array(1_000).map((_, i) => i);
    expect(insertionSortBy2(order, v, v)).toBe(false);
  });
});

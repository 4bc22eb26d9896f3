import { describe, expect, test } from "bun:test";
import { SlidingExtreme } from "../../../src/market/features/sliding-extreme.ts";
import { candles } from "./real-data.ts";

describe("SlidingExtreme: monotonic-deque window max / min", () => {
  test.each([1, 2, 20, 57])("window %d: equals Math.max / Math.min over the window on real highs", (n) => {
    const high = candles("ETH", "1h").map((c) => c.high);
    const max = new SlidingExtreme(n, 1);
    const min = new SlidingExtreme(n, -1);
    for (let i = 0; i < 3000; i++) {
      max.push(high[i]!);
      min.push(high[i]!);
      const w = high.slice(Math.max(0, i - n + 1), i + 1);
      expect(max.value, `max bar ${i}`).toBe(Math.max(...w));
      expect(min.value, `min bar ${i}`).toBe(Math.min(...w));
    }
  });

  test("keeps equal values until they leave the window", () => {
    const max = new SlidingExtreme(2, 1);
    for (const x of [5, 5, 1]) max.push(x);
    expect(max.value).toBe(5);
    max.push(1);
    expect(max.value).toBe(1);
  });
});

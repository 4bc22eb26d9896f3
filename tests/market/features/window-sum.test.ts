import { describe, expect, test } from "bun:test";
import { WindowSum } from "../../../src/market/features/window-sum.ts";
import { candles } from "./real-data.ts";

describe("WindowSum: O(1) drift-free window sum", () => {
  const volume = candles("kPEPE", "15m").map((c) => c.volume);

  test("equals a fresh sum of the window within a few ulps on a volatile real series", () => {
    const s = new WindowSum(20);
    for (let i = 0; i < volume.length; i++) {
      s.push(volume[i]!, i);
      if (i < 19) continue;
      let exact = 0;
      for (let j = i - 19; j <= i; j++) exact += volume[j]!;
      expect(Math.abs(s.sum - exact), `bar ${i}`).toBeLessThanOrEqual(1e-12 * exact);
    }
  });

  test("depends only on the data since the last aligned bar, not on when it started", () => {
    const a = new WindowSum(20);
    const b = new WindowSum(20);
    for (let i = 0; i < volume.length; i++) {
      a.push(volume[i]!, i);
      if (i >= 777) b.push(volume[i]!, i);
      if (i >= 777 + 40) expect(b.sum, `bar ${i}`).toBe(a.sum);
    }
  });

  test("a window of zeros after large values reads exactly 0", () => {
    const s = new WindowSum(3);
    [1e9, 3.3, 7.1].forEach((x, i) => {
      s.push(x, i + 1);
    });
    for (let i = 4; i < 7; i++) s.push(0, i + 1);
    expect(s.sum).toBe(0);
  });
});

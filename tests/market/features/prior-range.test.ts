import { describe, expect, test } from "bun:test";
import { PriorRange } from "../../../src/market/features/prior-range.ts";
import { candles, columns, relClose, SAMPLE_SERIES } from "./real-data.ts";
import { refPriorRange } from "./reference.ts";

describe("prior 20-bar high / low / mean volume (excluding the current bar)", () => {
  test.each(SAMPLE_SERIES)("%s %s: equals the reference", (coin, tf) => {
    const c = candles(coin, tf);
    const { high, low, volume } = columns(c);
    const ref = refPriorRange(high, low, volume, 20);
    const r = new PriorRange(20);
    for (let i = 0; i < c.length; i++) {
      if (i >= 20) {
        expect(r.high, `high20 bar ${i}`).toBe(ref.high[i]!);
        expect(r.low, `low20 bar ${i}`).toBe(ref.low[i]!);
        expect(relClose(r.volumeAvg, ref.volumeAvg[i]!, 1e-9), `volumeAvg20 bar ${i}`).toBe(true);
      }
      r.push(high[i]!, low[i]!, volume[i]!, Math.floor(c[i]!.t / 900_000));
    }
  });

  test("the current bar is not part of its own window", () => {
    const r = new PriorRange(3);
    [10, 11, 12].forEach((h, i) => {
      r.push(h, h - 1, 1, i);
    });
    expect(r.high).toBe(12);
    r.push(50, 49, 1, 3);
    expect(r.high, "after pushing bar 3, the window is bars 1..3").toBe(50);
    expect(r.low).toBe(10);
  });
});

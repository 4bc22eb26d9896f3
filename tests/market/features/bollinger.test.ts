import { describe, expect, test } from "bun:test";
import { BollingerBands } from "trading-signals";
import { Bollinger } from "../../../src/market/features/bollinger.ts";
import { candles, relClose, SAMPLE_SERIES } from "./real-data.ts";
import { refBollinger } from "./reference.ts";

describe("Bollinger 20 / 2σ (TA-Lib BBANDS, population σ)", () => {
  test.each(SAMPLE_SERIES)("%s %s: equals the two-pass reference from bar 19", (coin, tf) => {
    const close = candles(coin, tf).map((c) => c.close);
    const ref = refBollinger(close, 20, 2);
    const bb = new Bollinger(20, 2);
    for (let i = 0; i < close.length; i++) {
      bb.add(close[i]!);
      const at = `${coin} ${tf} bar ${i}`;
      expect(relClose(bb.upper, ref.upper[i]!, 1e-12), `upper ${at}`).toBe(true);
      expect(relClose(bb.middle, ref.middle[i]!, 1e-12), `middle ${at}`).toBe(true);
      expect(relClose(bb.lower, ref.lower[i]!, 1e-12), `lower ${at}`).toBe(true);
      if (i >= 19) {
        const w = (ref.upper[i]! - ref.lower[i]!) / ref.middle[i]!;
        expect(Math.abs(bb.width - w), `width ${at}`).toBeLessThan(1e-12);
      }
    }
  });

  test("agrees with trading-signals' BollingerBands (same definition)", () => {
    const close = candles("SOL", "4h").map((c) => c.close);
    const ours = new Bollinger(20, 2);
    const theirs = new BollingerBands(20, 2);
    for (const x of close) {
      ours.add(x);
      const r = theirs.add(x);
      if (r !== null)
        expect(relClose(ours.upper, r.upper, 1e-12) && relClose(ours.lower, r.lower, 1e-12)).toBe(true);
    }
  });

  test("population, not sample, standard deviation", () => {
    const bb = new Bollinger(4, 1);
    for (const x of [1, 2, 3, 4]) bb.add(x);
    expect(bb.middle).toBe(2.5);
    expect(bb.upper - bb.middle).toBeCloseTo(Math.sqrt(1.25), 14);
  });
});

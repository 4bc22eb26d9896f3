import { describe, expect, test } from "bun:test";
import { RSI } from "trading-signals";
import { Rsi } from "../../../src/market/features/rsi.ts";
import { candles, relClose, SAMPLE_SERIES } from "./real-data.ts";
import { refRsi } from "./reference.ts";

describe("RSI 14 (Wilder / TA-Lib)", () => {
  test.each(SAMPLE_SERIES)("%s %s: equals the reference from the first value (bar 14)", (coin, tf) => {
    const close = candles(coin, tf).map((c) => c.close);
    const ref = refRsi(close, 14);
    const rsi = new Rsi(14);
    for (let i = 0; i < close.length; i++) {
      const v = rsi.add(close[i]!);
      if (i < 14) expect(Number.isNaN(v), `bar ${i} should not have an RSI yet`).toBe(true);
      else expect(relClose(v, ref[i]!, 1e-9), `${coin} ${tf} bar ${i}: ${v} vs ${ref[i]}`).toBe(true);
    }
  });

  test("agrees with trading-signals' RSI, which uses the same seeding", () => {
    const close = candles("ETH", "1h").map((c) => c.close);
    const ours = new Rsi(14);
    const theirs = new RSI(14);
    for (let i = 0; i < close.length; i++) {
      const a = ours.add(close[i]!);
      const b = theirs.add(close[i]!);
      if (b !== null) expect(relClose(a, b, 1e-9), `bar ${i}`).toBe(true);
    }
  });

  test("a window without any change reads 0 like TA-Lib (trading-signals says 100)", () => {
    const rsi = new Rsi(3);
    for (const x of [5, 5, 5, 5, 5]) rsi.add(x);
    expect(rsi.value).toBe(0);
  });
});

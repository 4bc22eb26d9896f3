import { describe, expect, test } from "bun:test";
import { ATR } from "trading-signals";
import { Atr } from "../../../src/market/features/atr.ts";
import { candles, columns, relClose, SAMPLE_SERIES } from "./real-data.ts";
import { refAtr } from "./reference.ts";

describe("ATR 14 (Wilder / TA-Lib seeding)", () => {
  test.each(SAMPLE_SERIES)("%s %s: equals the reference from the first value (bar 14)", (coin, tf) => {
    const c = candles(coin, tf);
    const { high, low, close } = columns(c);
    const ref = refAtr(high, low, close, 14);
    const atr = new Atr(14);
    for (let i = 0; i < c.length; i++) {
      const v = atr.add(c[i]!);
      if (i < 14) expect(Number.isNaN(v)).toBe(true);
      else expect(relClose(v, ref[i]!, 1e-9), `${coin} ${tf} bar ${i}: ${v} vs ${ref[i]}`).toBe(true);
    }
  });

  test("trading-signals' ATR seeds one bar early (first bar's high − low), so it differs at the seed", () => {
    const c = candles("BTC", "15m").slice(0, 40);
    const { high, low, close } = columns(c);
    const ref = refAtr(high, low, close, 14);
    const theirs = new ATR(14);
    const values = c.map((x) => theirs.add(x));
    expect(values[13], "trading-signals emits on bar 13 already").not.toBeNull();
    expect(relClose(values[14]!, ref[14]!, 1e-9)).toBe(false);
  });
});

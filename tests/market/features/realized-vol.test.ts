import { describe, expect, test } from "bun:test";
import { intervalMs } from "../../../src/core/intervals.ts";
import { RealizedVol } from "../../../src/market/features/realized-vol.ts";
import { candles, relClose, SAMPLE_SERIES } from "./real-data.ts";
import { refVolRatio } from "./reference.ts";

describe("vol_ratio: RMS log return, short over long window", () => {
  test.each(SAMPLE_SERIES)("%s %s: equals the reference (20 over 100)", (coin, tf) => {
    const c = candles(coin, tf);
    const ref = refVolRatio(
      c.map((x) => x.close),
      20,
      100,
    );
    const v = new RealizedVol(20, 100);
    for (let i = 0; i < c.length; i++) {
      v.add(c[i]!.close, Math.floor(c[i]!.t / intervalMs(tf)));
      expect(relClose(v.ratio, ref[i]!, 1e-9), `${coin} ${tf} bar ${i}: ${v.ratio} vs ${ref[i]}`).toBe(true);
    }
  });
});

import { describe, expect, test } from "bun:test";
import { EMA, RMA, WSMA } from "trading-signals";
import { seededEma, wilderAverage } from "../../../src/market/features/smoothers.ts";
import { candles, relClose } from "./real-data.ts";
import { refEma } from "./reference.ts";

describe("TA-Lib-seeded smoothers on trading-signals", () => {
  const close = candles("BTC", "1h").map((c) => c.close);

  test("SeededEma equals the TA-Lib EMA (SMA seed) from its first value", () => {
    for (const n of [8, 21]) {
      const ema = seededEma(n);
      const ref = refEma(close, n);
      for (let i = 0; i < close.length; i++) {
        const v = ema.add(close[i]!);
        expect(Number.isNaN(v), `NaN state at ${i}`).toBe(i < n - 1);
        if (i >= n - 1) expect(relClose(v, ref[i]!, 1e-12), `EMA${n} at ${i}: ${v} vs ${ref[i]}`).toBe(true);
      }
    }
  });

  test("WilderAverage has WSMA semantics (SMA seed, then α = 1/n): matches trading-signals WSMA", () => {
    const ours = wilderAverage(14);
    const theirs = new WSMA(14);
    for (let i = 0; i < close.length; i++) {
      const a = ours.add(close[i]!);
      const b = theirs.add(close[i]!);
      if (b === null) expect(Number.isNaN(a)).toBe(true);
      else expect(relClose(a, b, 1e-12), `bar ${i}: ${a} vs ${b}`).toBe(true);
    }
  });

  test("bit-identical to trading-signals EMA/RMA handed the same SMA seed, on every bar", () => {
    for (const [ours, theirs, n] of [
      [seededEma(8), new EMA(8), 8],
      [seededEma(21), new EMA(21), 21],
      [wilderAverage(14), new RMA(14), 14],
    ] as const) {
      let seed = 0;
      for (let i = 0; i < close.length; i++) {
        const a = ours.add(close[i]!);
        if (i < n - 1) {
          seed += close[i]!;
          continue;
        }
        const b =
          i === n - 1 ? theirs.update((seed + close[i]!) / n, false) : theirs.update(close[i]!, false);
        expect(a, `${theirs.constructor.name}(${n}) bar ${i}`).toBe(b);
      }
    }
  });
});

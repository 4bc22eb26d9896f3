import { describe, expect, test } from "bun:test";
import { ADX } from "trading-signals";
import { Dmi, minusDm, plusDm } from "../../../src/market/features/dmi.ts";
import { candles, columns, relClose, SAMPLE_SERIES } from "./real-data.ts";
import { refDmi } from "./reference.ts";

describe("+DI / −DI / ADX 14 (Wilder / TA-Lib)", () => {
  test.each(SAMPLE_SERIES)(
    "%s %s: equals ta_ADX.c from the first DI (bar 14) and ADX (bar 27)",
    (coin, tf) => {
      const c = candles(coin, tf);
      const { high, low, close } = columns(c);
      const ref = refDmi(high, low, close, 14);
      const dmi = new Dmi(14);
      for (let i = 0; i < c.length; i++) {
        dmi.add(high[i]!, low[i]!, close[i]!);
        const at = `${coin} ${tf} bar ${i}`;
        expect(
          relClose(dmi.plusDi, ref.plusDi[i]!, 1e-9),
          `+DI ${at}: ${dmi.plusDi} vs ${ref.plusDi[i]}`,
        ).toBe(true);
        expect(relClose(dmi.minusDi, ref.minusDi[i]!, 1e-9), `−DI ${at}`).toBe(true);
        expect(relClose(dmi.adx, ref.adx[i]!, 1e-9), `ADX ${at}: ${dmi.adx} vs ${ref.adx[i]}`).toBe(true);
      }
    },
  );

  // BTC 15m, 2025-02-15 07:45 UTC: high 97435 → 97451 (+16), low 97351 → 97335 (−16).
  const c = candles("BTC", "15m");
  const TIE_T = 1739605500000;
  const tie = c.findIndex((x) => x.t === TIE_T);

  test("a real bar whose up-move equals its down-move has +DM = −DM = 0 (TA-Lib)", () => {
    const [prev, bar] = [c[tie - 1]!, c[tie]!];
    expect(bar.high - prev.high).toBe(16);
    expect(prev.low - bar.low).toBe(16);
    expect(plusDm(bar.high, bar.low, prev.high, prev.low)).toBe(0);
    expect(minusDm(bar.high, bar.low, prev.high, prev.low)).toBe(0);
    // Ordinary bars credit one side only.
    expect(plusDm(110, 100, 100, 95)).toBe(10);
    expect(minusDm(110, 100, 100, 95)).toBe(0);
    expect(minusDm(100, 90, 101, 95)).toBe(5);
  });

  test("trading-signals' ADX credits both moves on that tie; ours follows TA-Lib through it", () => {
    const { high, low, close } = columns(c);
    const ref = refDmi(high, low, close, 14);
    const theirs = new ADX(14);
    const ours = new Dmi(14);
    let maxTheirsBefore = 0;
    let theirsAtTie = 0;
    for (let i = 0; i <= tie; i++) {
      theirs.add(c[i]!);
      ours.add(high[i]!, low[i]!, close[i]!);
      // trading-signals reports DI as a fraction; its seed differs but is forgotten long before the tie.
      const err = Math.abs(100 * theirs.pdi! - ref.plusDi[i]!) / ref.plusDi[i]!;
      if (i >= 500 && i < tie) maxTheirsBefore = Math.max(maxTheirsBefore, err);
      if (i === tie) theirsAtTie = err;
    }
    expect(maxTheirsBefore, "before the tie trading-signals agrees with TA-Lib").toBeLessThan(1e-9);
    expect(theirsAtTie, "on the tie it credits +DM = 16 where TA-Lib has 0").toBeGreaterThan(1e-3);
    expect(relClose(ours.plusDi, ref.plusDi[tie]!, 1e-9)).toBe(true);
    expect(relClose(ours.minusDi, ref.minusDi[tie]!, 1e-9)).toBe(true);
  });

  test("once the smoothed true range is 0, DI reads 0 and ADX keeps its value, like TA-Lib", () => {
    const dmi = new Dmi(2);
    for (const [h, l, c] of [
      [10, 9, 9.5],
      [11, 9.5, 10.5],
      [12, 10, 11.5],
      [12.5, 11, 12],
      [13, 12, 12.5],
    ] as const) {
      dmi.add(h, l, c);
    }
    // Flat bars: TR = DM = 0; the Wilder averages halve each bar and underflow to 0 after ~1100 bars.
    const history: number[] = [];
    for (let i = 0; i < 1300; i++) {
      dmi.add(12.5, 12.5, 12.5);
      history.push(dmi.adx);
    }
    expect(dmi.plusDi).toBe(0);
    expect(dmi.minusDi).toBe(0);
    expect(dmi.adx, "ADX is not decayed by the zero-range bars").toBeGreaterThan(50);
    expect(history.at(-1)).toBe(history.at(-100)!);
  });
});

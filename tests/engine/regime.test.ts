import { describe, expect, test } from "bun:test";
import { RegimeSection } from "../../src/config/sections/regime.ts";
import { classifyRegime, regimeCoin } from "../../src/engine/regime.ts";
import { emptyFeatures, type Features } from "../../src/market/features/features.ts";
import { featuresAt } from "../strategies/replay.ts";

const cfg = RegimeSection.parse({});
const f = (patch: Partial<Features>): Features => ({ ...emptyFeatures(), ...patch });

describe("regime", () => {
  const bull1h = f({ close: 101, ema21: 100, ema21Slope: 0.002 });
  const bear1h = f({ close: 99, ema21: 100, ema21Slope: -0.002 });
  const up4h = f({ adx14: 25, plusDi14: 30, minusDi14: 10, ema8: 101, ema21: 100 });
  const down4h = f({ adx14: 25, plusDi14: 10, minusDi14: 30, ema8: 99, ema21: 100 });

  test("Long / Short only when the 1h bias and the 4h trend agree", () => {
    expect(classifyRegime(bull1h, up4h, cfg)).toBe("Long");
    expect(classifyRegime(bear1h, down4h, cfg)).toBe("Short");
    expect(classifyRegime(bull1h, down4h, cfg)).toBe("Neutral");
    expect(classifyRegime(bull1h, { ...up4h, adx14: 19 }, cfg), "no trend below ADX 20").toBe("Neutral");
    expect(classifyRegime({ ...bull1h, ema21Slope: -0.001 }, up4h, cfg), "falling EMA: no bias").toBe(
      "Neutral",
    );
    expect(classifyRegime(null, up4h, cfg), "warming up").toBe("Neutral");
  });

  test("scope btc reads BTC for every coin; per_asset reads the coin itself", () => {
    expect(regimeCoin("SOL", cfg)).toBe("BTC");
    expect(regimeCoin("SOL", RegimeSection.parse({ scope: "per_asset" }))).toBe("SOL");
  });

  test("real BTC: Short on 2025-02-02 (sell-off), Long on 2025-02-21", () => {
    // The latest CLOSED bars at the tick: the 1h bar opened one hour earlier, the 4h bar covering it.
    const regimeAt = (h1: number, h4: number) =>
      classifyRegime(featuresAt("BTC", "1h", h1), featuresAt("BTC", "4h", h4), cfg);
    expect(regimeAt(Date.UTC(2025, 1, 2, 15), Date.UTC(2025, 1, 2, 12))).toBe("Short");
    expect(regimeAt(Date.UTC(2025, 1, 21, 7), Date.UTC(2025, 1, 21, 4))).toBe("Long");
    expect(regimeAt(Date.UTC(2025, 1, 1, 0), Date.UTC(2025, 0, 31, 20))).toBe("Neutral");
  });
});

import { describe, expect, test } from "bun:test";
import { StrategiesSection } from "../../src/config/sections/strategies.ts";
import { createScanSetup, scanCoin, scanCoinLive, scanCoinShadow } from "../../src/engine/scan.ts";
import { defaultSignalConfig, featuresAt } from "../strategies/replay.ts";

const setup = createScanSetup(defaultSignalConfig());
// BTC 15m 2025-02-14 12:30: momentum short passes the shadow gates only (volume 1.49×, ADX 19.4).
const nearMiss = featuresAt("BTC", "15m", 1739536200000);
// BTC 15m 2025-03-07 00:30: momentum short passes the live gates.
const fires = featuresAt("BTC", "15m", 1741307400000);

describe("scanCoin", () => {
  test("live and shadow entry points use their own threshold sets", () => {
    const bar = [{ timeframe: "15m" as const, features: nearMiss }];
    expect(scanCoinLive(setup, "BTC", bar, "Neutral").candidates).toEqual([]);
    const shadow = scanCoinShadow(setup, "BTC", bar, "Neutral");
    expect(shadow.candidates.map((c) => `${c.strategy}:${c.side}`)).toEqual(["momentum:short"]);
  });

  test("builds the candidate: bucket, times, setup key, score × regime multiplier", () => {
    const r = scanCoin(setup, "live", "BTC", [{ timeframe: "15m", features: fires }], "Long");
    const c = r.best!;
    expect(r.candidates).toHaveLength(1);
    expect(c.strategy).toBe("momentum");
    expect(c.coin).toBe("BTC");
    expect(c.timeframe).toBe("15m");
    expect(c.candleT).toBe(1741307400000);
    expect(c.decidedAt, "the candle's close time").toBe(1741307400000 + 900_000);
    expect(c.session).toBe("ASIA");
    expect(c.volBucket).toBe("high");
    expect(c.regime).toBe("Long");
    expect(c.setupKey).toBe("BTC|short|1741308300000");
    expect(c.score, "a short in a Long regime is counter-trend: × 0.5").toBeCloseTo(c.scoreRaw * 0.5, 12);
    expect(
      scanCoin(setup, "live", "BTC", [{ timeframe: "15m", features: fires }], "Short").best!.score,
    ).toBeCloseTo(Math.min(100, c.scoreRaw * 1.2), 12);
  });

  test("only strategies of the bar's timeframe run; nothing firing returns the shared empty result", () => {
    const asHourly = scanCoin(setup, "shadow", "BTC", [{ timeframe: "1h", features: fires }], "Neutral");
    expect(asHourly.candidates.some((c) => c.strategy === "momentum")).toBe(false);
    const none1 = scanCoin(setup, "live", "BTC", [], "Neutral");
    const none2 = scanCoin(setup, "live", "ETH", [{ timeframe: "15m", features: nearMiss }], "Neutral");
    expect(none1).toBe(none2);
    expect(none1.best).toBeNull();
  });

  test("config can disable a strategy or move it to another timeframe", () => {
    const strategies = StrategiesSection.parse({
      momentum: { enabled: false },
      mean_reversion: { timeframe: "15m" },
    });
    const s = createScanSetup({ ...defaultSignalConfig(), strategies });
    expect(s.strategies.map((x) => `${x.name}@${x.timeframe}`)).toEqual([
      "mean_reversion@15m",
      "ema_pullback@1h",
      "trend_alpha@4h",
      "zscore_reversion@1h",
    ]);
    expect(scanCoin(s, "live", "BTC", [{ timeframe: "15m", features: fires }], "Neutral").candidates).toEqual(
      [],
    );
  });

  test("best is the highest final score", () => {
    const mr = featuresAt("ETH", "1h", 1727060400000);
    const r = scanCoin(
      setup,
      "shadow",
      "ETH",
      [
        { timeframe: "1h", features: mr },
        { timeframe: "15m", features: fires },
      ],
      "Neutral",
    );
    expect(r.candidates.length).toBeGreaterThanOrEqual(2);
    expect(r.best!.score).toBe(Math.max(...r.candidates.map((c) => c.score)));
  });
});

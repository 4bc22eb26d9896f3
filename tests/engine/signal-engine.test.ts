import { describe, expect, test } from "bun:test";
import { LookaheadError, SignalEngine } from "../../src/engine/signal-engine.ts";
import { candles } from "../market/features/real-data.ts";
import { defaultSignalConfig } from "../strategies/replay.ts";

describe("SignalEngine (the SignalSource port)", () => {
  const eth = candles("ETH", "1h");

  test("scanning a bar that has not closed at `now` is a LookaheadError", () => {
    const engine = new SignalEngine(defaultSignalConfig());
    const bar = { coin: "ETH", interval: "1h" as const, candle: eth[0]! };
    engine.onClosedBar(bar, null);
    expect(() => engine.scan(bar, eth[0]!.t + 3_599_999, true)).toThrow(LookaheadError);
    expect(engine.scan(bar, eth[0]!.t + 3_600_000, true)).toEqual({ shadow: [], live: [] });
  });

  test("features appear after the warm-up; regime stays Neutral until BTC 1h and 4h are warm", () => {
    const engine = new SignalEngine(defaultSignalConfig());
    for (let i = 0; i < engine.warmupBars; i++)
      engine.onClosedBar({ coin: "ETH", interval: "1h", candle: eth[i]! }, null);
    expect(engine.features("ETH", "1h")).toBeNull();
    engine.onClosedBar({ coin: "ETH", interval: "1h", candle: eth[engine.warmupBars]! }, null);
    expect(engine.features("ETH", "1h")?.t).toBe(eth[engine.warmupBars]!.t);
    expect(engine.regime("ETH")).toBe("Neutral");
  });

  test("a scan for a bar other than the last one fed finds nothing", () => {
    const engine = new SignalEngine(defaultSignalConfig());
    for (let i = 0; i < 600; i++) engine.onClosedBar({ coin: "ETH", interval: "1h", candle: eth[i]! }, null);
    const stale = { coin: "ETH", interval: "1h" as const, candle: eth[598]! };
    expect(engine.scanBar(stale, "shadow", eth[600]!.t).best).toBeNull();
  });

  test("a coin outside the traded set is fed (features, regime) but never yields candidates", () => {
    const count = (traded: string[]) => {
      const engine = new SignalEngine(defaultSignalConfig(), new Set(traded));
      let shadow = 0;
      let live = 0;
      for (const candle of eth.slice(0, 3000)) {
        const bar = { coin: "ETH", interval: "1h" as const, candle };
        engine.onClosedBar(bar, null);
        const found = engine.scan(bar, candle.t + 3_600_000, true);
        shadow += found.shadow.length;
        live += found.live.length;
      }
      return { shadow, live, features: engine.features("ETH", "1h") !== null };
    };
    const traded = count(["ETH"]);
    expect(traded.shadow).toBeGreaterThan(0);
    expect(traded.features).toBe(true);
    expect(count(["SOL"])).toEqual({ shadow: 0, live: 0, features: true });
  });
});

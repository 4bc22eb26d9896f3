// The demo's own settings: its config can only point at its own loopback venue (whatever the loaded
// config or the environment said), never at the production ledger or candidates; its promoted
// buckets are a valid live_candidates file covering every bucket; its ledger history stops at --from.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { LiveCandidatesFileSchema } from "../../src/core/live-candidates.ts";
import { demoCandidates } from "../../src/demo/candidates.ts";
import { assertDemoVenue, DemoSafetyError, demoConfig } from "../../src/demo/config.ts";
import { preloadHistory } from "../../src/demo/preload.ts";
import { embeddedSample, SAMPLE_REPLAY_FROM } from "../../src/demo/sample.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { scratchDir } from "../support/paths.ts";

const venue = { url: "http://127.0.0.1:40001", wsUrl: "ws://127.0.0.1:40001/ws" };

function base(env: Record<string, string> = {}) {
  return loadConfig({ cwd: scratchDir(), env }).config;
}

function settings(dir = scratchDir()) {
  return {
    venue,
    ledgerPath: join(dir, "demo.db"),
    candidatesPath: join(dir, "demo_live_candidates.json"),
    port: 0,
    speed: 60,
    coins: ["BTC", "ETH"],
  };
}

describe("demo config", () => {
  test("replaces the venue with its own loopback one, even over an environment set to mainnet", () => {
    const env = {
      HLBOT_HYPERLIQUID__NETWORK: "mainnet",
      HLBOT_API__HOST: "0.0.0.0",
      HLBOT_HYPERLIQUID__SCHEDULE_CANCEL_SECONDS: "0",
    };
    const c = demoConfig(base(env), settings());
    expect(c.hyperliquid).toMatchObject({ network: "custom", http_url: venue.url, ws_url: venue.wsUrl });
    expect(c.api.host).toBe("127.0.0.1");
    expect(c.engine.coins).toEqual(["BTC", "ETH"]);
    // The websocket's staleness is timed on the accelerated clock: 5 s of wall time at 60×.
    expect(c.hyperliquid.stale_feed_seconds).toBe(300);
    // The venue pushes every 50 ms of wall time: the daemon samples no more often (3 s of market at 60×).
    expect(c.daemon.ws_sample_ms).toBe(3_000);
  });

  test("leaves the trading rules as loaded", () => {
    const b = base({ HLBOT_RISK__RISK_FRACTION: "0.005" });
    const c = demoConfig(b, settings());
    expect(c.risk).toEqual(b.risk);
    expect(c.strategies).toEqual(b.strategies);
    expect(c.live.min_score).toBe(b.live.min_score);
  });

  test("never the production ledger or candidates file", () => {
    const b = base();
    expect(() => demoConfig(b, { ...settings(), ledgerPath: b.ledger.path })).toThrow(DemoSafetyError);
    expect(() => demoConfig(b, { ...settings(), candidatesPath: b.live.candidates_path })).toThrow(
      DemoSafetyError,
    );
  });

  test("the assertion refuses any venue but its own loopback one", () => {
    const good = demoConfig(base(), settings());
    expect(() => assertDemoVenue(good, venue.url)).not.toThrow();
    const bad = [
      { ...good.hyperliquid, network: "mainnet" as const },
      { ...good.hyperliquid, http_url: "https://api.hyperliquid.xyz" },
      { ...good.hyperliquid, http_url: "http://10.0.0.1:40001", ws_url: "ws://10.0.0.1:40001/ws" },
      { ...good.hyperliquid, ws_url: "wss://api.hyperliquid.xyz/ws" },
      { ...good.hyperliquid, ws_url: undefined },
    ];
    for (const hyperliquid of bad)
      expect(() => assertDemoVenue({ ...good, hyperliquid }, venue.url)).toThrow(DemoSafetyError);
    expect(() => assertDemoVenue(good, "http://127.0.0.1:40002")).toThrow(DemoSafetyError);
    expect(() => assertDemoVenue({ ...good, api: { ...good.api, host: "0.0.0.0" } }, venue.url)).toThrow(
      DemoSafetyError,
    );
  });
});

describe("demo candidates", () => {
  test("a valid live_candidates file promoting every bucket at LIVE", () => {
    const c = base();
    const file = LiveCandidatesFileSchema.parse(demoCandidates(c, SAMPLE_REPLAY_FROM));
    // every enabled strategy × 2 sides × 4 sessions × 3 regimes × 3 vol buckets
    const strategies = Object.values(c.strategies).filter((s) => s.enabled).length;
    expect(strategies).toBe(5);
    expect(file.buckets).toHaveLength(strategies * 2 * c.sessions.windows.length * 3 * 3);
    expect(new Set(file.buckets.map((b) => b.key)).size).toBe(file.buckets.length);
    for (const b of file.buckets) expect([b.state, b.size_multiplier]).toEqual(["LIVE", 1]);
    expect(file.promote_run_id).toContain("demo");
  });
});

describe("demo ledger history", () => {
  test("only bars closed by --from and funding paid by then: no lookahead", () => {
    const db = openLedger(join(scratchDir(), "x.db"));
    const until = SAMPLE_REPLAY_FROM + 90 * 60_000 + 1; // 01:30:00.001
    const r = preloadHistory(db, embeddedSample(), { coins: ["BTC"], intervals: ["15m", "1h", "4h"] }, until);
    const last = (interval: string) =>
      (
        db.query("SELECT MAX(t) AS t FROM candles WHERE coin = 'BTC' AND interval = ?1").get(interval) as {
          t: number;
        }
      ).t;
    expect(last("15m")).toBe(SAMPLE_REPLAY_FROM + 75 * 60_000); // the 01:15 bar closed at 01:30
    expect(last("1h")).toBe(SAMPLE_REPLAY_FROM); // the 01:00 bar is still forming
    expect(last("4h")).toBe(SAMPLE_REPLAY_FROM - 4 * 3_600_000);
    const funding = db.query("SELECT MAX(event_t) AS t FROM funding WHERE coin = 'BTC'").get() as {
      t: number;
    };
    expect(funding.t).toBeLessThanOrEqual(until);
    expect(funding.t).toBeGreaterThan(until - 3_600_000);
    expect(r.candles).toBeGreaterThan(1_400);
    db.close();
  });
});

/**
 * The daemon against the local fake Hyperliquid on ONE manual clock: the fake's replay clock is the
 * daemon's and the adapter's clock, the fake's 1200-weight window runs on it too, and every wait of
 * the adapter (limiter, pacing, retry backoff) advances it — so hours of trading run in seconds and
 * request weight per (simulated) minute is what the exchange would count.
 */
import type { Database } from "bun:sqlite";
import { join } from "node:path";
import { type Config, ConfigSchema } from "../../../src/config/schema.ts";
import type { Clock } from "../../../src/core/clock.ts";
import { Daemon } from "../../../src/daemon/daemon.ts";
import type { LivePathFactory } from "../../../src/daemon/live-path.ts";
import { coinsToLoad, createSignalSource, signalIntervals } from "../../../src/engine/signal-source.ts";
import { HyperliquidClient } from "../../../src/hyperliquid/client.ts";
import type { Sleep } from "../../../src/hyperliquid/rate-limit.ts";
import { openLedger } from "../../../src/ledger/open.ts";
import { configureLogger } from "../../../src/log.ts";
import { runBacktest } from "../../../src/sim/backtest.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../../support/fake-hl/index.ts";
import { scratchDir } from "../../support/paths.ts";

export const COINS = ["BTC", "ETH", "SOL", "AVAX", "DOGE", "LINK"];

// Tick lines are info; the tests read counters and the ledger instead.
configureLogger({ level: "error" });

/** A daemon config for tests: a small basket, REST waits bounded in real time, no mid sampler. */
export function testConfig(
  fake: { url: string; wsUrl: string },
  dir: string,
  overrides: Record<string, unknown> = {},
): Config {
  const raw: Record<string, Record<string, unknown>> = {
    engine: { coins: COINS, tick_seconds: 30 },
    hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 2_000 },
    ledger: { path: join(dir, "hlbot.db") },
    live: { candidates_path: join(dir, "live_candidates.json") },
    market_data: { book_coins: ["BTC"], book_seconds: 300, asset_ctx_seconds: 300 },
    daemon: {
      ws_sample_ms: 0,
      rest_deadline_ms: 20_000,
      connect_retry_initial_ms: 10,
      connect_retry_max_ms: 50,
    },
    api: { enabled: false },
  };
  for (const [key, value] of Object.entries(overrides)) {
    const [section, name] = key.split(".") as [string, string];
    raw[section] = { ...raw[section], [name]: value };
  }
  return ConfigSchema.parse(raw);
}

export interface Rig {
  fake: FakeHyperliquid;
  clock: Clock;
  sleep: Sleep;
  dir: string;
  config: Config;
  db: Database;
  client: HyperliquidClient;
  daemon: Daemon;
}

export interface RigOptions {
  time: string;
  overrides?: Record<string, unknown>;
  fake?: FakeHyperliquid;
  dir?: string;
  live?: LivePathFactory | null;
}

/** Starts (or reuses) a fake and builds a daemon on its clock; `daemon.start()` is left to the test. */
export function rig(o: RigOptions): Rig {
  let fakeRef: FakeHyperliquid | null = o.fake ?? null;
  const fake = fakeRef ?? startFakeHyperliquid({ time: o.time, rateClock: () => fakeRef?.now() ?? 0 });
  fakeRef = fake;
  const clock: Clock = { now: () => fake.now() };
  const sleep: Sleep = async (ms) => {
    fake.advance(Math.max(1, Math.ceil(ms)));
    await Bun.sleep(0);
  };
  const dir = o.dir ?? scratchDir("hlbot-daemon-");
  const config = testConfig(fake, dir, o.overrides);
  const db = openLedger(config.ledger.path);
  const client = new HyperliquidClient(config.hyperliquid, undefined, {
    clock,
    rateClock: clock,
    sleep,
    random: () => 0.5,
  });
  const daemon = new Daemon({ config, db, client, clock, sleep, live: o.live ?? null });
  return { fake, clock, sleep, dir, config, db, client, daemon };
}

/** Lets websocket pushes reach the client: yields until its message count stops moving (≤ 250 ms). */
export async function settle(client: HyperliquidClient): Promise<void> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    await Bun.sleep(i < 2 ? 0 : 5);
    const n = client.ws.stats().messages;
    if (n === last) return;
    last = n;
  }
}

/** Advances the fake by one tick period and runs one daemon tick. */
export async function step(r: Rig, ms = r.config.engine.tick_seconds * 1000): Promise<void> {
  r.fake.advance(ms);
  await settle(r.client);
  await r.daemon.tick();
}

export async function shutdown(r: Rig, stopFake = true): Promise<void> {
  await r.daemon.close();
  r.db.close();
  if (stopFake) await r.fake.stop();
}

/** (strategy, coin, side, candle_t) of the shadow decisions of a run whose signal bar closed in (from, to]. */
export function decisionKeys(db: Database, runId: number, from: number, to: number): string[] {
  const rows = db
    .query(
      `SELECT strategy, coin, side, timeframe, candle_t FROM decisions WHERE run_id = ?1 AND mode = 'shadow'
       ORDER BY candle_t, strategy, coin, side`,
    )
    .all(runId) as { strategy: string; coin: string; side: string; timeframe: string; candle_t: number }[];
  const len: Record<string, number> = { "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000 };
  return rows
    .filter((r) => r.candle_t + len[r.timeframe]! > from && r.candle_t + len[r.timeframe]! <= to)
    .map((r) => `${r.strategy}|${r.coin}|${r.side}|${new Date(r.candle_t).toISOString()}`);
}

/** The backtest of the same ledger window, stored as its own run; returns its run id. */
export function backtestRun(r: Rig, from: number, to: number): number {
  const c = r.config;
  const result = runBacktest(r.db, {
    config: c,
    model: c.friction.model,
    coins: coinsToLoad(c, c.engine.coins),
    intervals: signalIntervals(c, null),
    from,
    to,
    // Everything the ledger holds: the daemon warmed from the same first bar of every series.
    warmupMs: c.engine.history_bars * 4 * 3_600_000,
    mode: "shadow",
    ignoreCandidates: true,
    signals: createSignalSource(c, null, c.engine.coins),
    store: true,
  });
  return result.runId!;
}

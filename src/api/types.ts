/**
 * The ports of the API: what it reads (a ledger handle) and what the running daemon tells it
 * (health and runtime counters). `hlbot trade` plugs in live sources; `hlbot serve` and the
 * `hlbot status` fallback plug in sources derived from the ledger alone (src/api/standalone.ts).
 */
import type { Database } from "bun:sqlite";
import type { Clock } from "../core/clock.ts";
import type { PromWriter } from "./prometheus.ts";

/** State of the market-data feed as the daemon sees it; `unknown` when nothing is watching it. */
export type FeedState = "live" | "stale" | "down" | "unknown";

/** An active halt (kill switch, daily loss, manual): no new entries while one is in force. */
export interface Halt {
  /** bot_state key or daemon name of the halt, e.g. `halt.kill_switch`. */
  name: string;
  reason: string | null;
  /** ms UTC, when known. */
  since: number | null;
  /** ms UTC when it lifts by itself (daily halt), null when it needs a manual reset. */
  until: number | null;
}

export interface HealthSnapshot {
  /** `daemon` inside `hlbot trade`, `ledger` when derived by a standalone reader. */
  source: "daemon" | "ledger";
  version: string;
  commit: string;
  /** ms UTC the process started. */
  startedAt: number;
  /** ms UTC of the last completed tick, null before the first. */
  lastTickAt: number | null;
  feed: FeedHealth;
  halts: Halt[];
  /** Where the daemon trades; null when nothing is running (a standalone reader of the ledger). */
  venue: VenueInfo | null;
}

/** The venue a running daemon is connected to; `demo` marks `hlbot demo` (a local venue, no real money). */
export interface VenueInfo {
  network: "mainnet" | "testnet" | "custom";
  demo: boolean;
  /** The REST endpoint, e.g. https://api.hyperliquid.xyz. */
  url: string;
  /** Whether the live path (real orders on this venue) is running. */
  live: boolean;
}

/** The market-data feed as /health reports it. */
export interface FeedHealth {
  state: FeedState;
  lastMessageAt: number | null;
  /** Frames received that did not decode (absent when nothing is watching the feed). */
  decodeErrors?: number;
  /** Channels whose latest frame did not decode (a payload shape change), e.g. ["allMids"]. */
  failingChannels?: string[];
}

export interface HealthSource {
  snapshot(): HealthSnapshot;
}

/** Monotonic counters only the running daemon knows (absent when standalone). */
export interface RuntimeCounters {
  /** Errors logged by the tick loop and adapters since start. */
  errorsTotal: number;
  /** HTTP 429 responses received from Hyperliquid since start. */
  rateLimitedTotal: number;
  /** Ticks completed since start. */
  ticksTotal: number;
}

export interface MetricsSource {
  counters(): RuntimeCounters;
  /** More metric families of the serving process (the daemon's alert and heartbeat counters). */
  write?(w: PromWriter): void;
}

export interface ApiSettings {
  /** Bearer token; when set every data route requires `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Dashboard refresh period, seconds. */
  dashboardRefreshSeconds: number;
}

export interface ApiDeps {
  /** The ledger; the API only reads it (`hlbot serve` opens it read-only). */
  db: Database;
  /** Absolute ledger path, shown by /health. */
  ledgerPath: string;
  /** live_candidates.json path (config live.candidates_path). */
  candidatesPath: string;
  /** engine.tick_seconds: /health is degraded when the last tick is older than 3×. */
  tickSeconds: number;
  health: HealthSource;
  /** Daemon counters; omitted when standalone (their metrics are then not exported). */
  metrics?: MetricsSource;
  clock: Clock;
  api: ApiSettings;
}

/**
 * The demo's configuration: the loaded config (the user's file, or the defaults on a fresh clone) with
 * the keys the demo must own replaced — the venue is its own local one (network custom, loopback
 * URLs), the ledger and the promoted buckets are the demo's files, the API is on loopback — and an
 * assertion that refuses anything that could reach a real exchange. Nothing else is changed: the
 * engine, strategies, risk and friction are the ones `hlbot trade` would run.
 */
import { isLoopback } from "../api/server.ts";
import type { Config } from "../config/schema.ts";
import { BotError } from "../core/errors.ts";

/** The demo would have reached something other than its own venue: a bug, never a user mistake. */
export class DemoSafetyError extends BotError {
  readonly kind = "demo_safety";
}

/**
 * Wall seconds without a websocket message before the demo's feed counts as stale. The feed's
 * staleness is timed on the accelerated clock; one process serves both ends, so a busy moment (the
 * warm-up) must not read as a dead feed at 600×.
 */
const STALE_FEED_WALL_S = 5;
/** The dashboard refreshes on wall time; the market moves `speed`× faster. */
const DASHBOARD_REFRESH_S = 2;
/**
 * Least wall time between the daemon's websocket samples: the venue pushes market data every 50 ms of
 * wall time (src/local-venue/follow.ts), so sampling more often finds nothing new and only burns CPU.
 */
const WS_SAMPLE_WALL_MS = 50;

export interface DemoSettings {
  venue: { url: string; wsUrl: string };
  /** The demo's ledger and live_candidates.json. */
  ledgerPath: string;
  candidatesPath: string;
  /** API port (0 = any free one). */
  port: number;
  speed: number;
  coins: readonly string[];
}

export function demoConfig(base: Config, s: DemoSettings): Config {
  if (s.ledgerPath === base.ledger.path)
    throw new DemoSafetyError(`the demo never writes the production ledger (${base.ledger.path})`);
  if (s.candidatesPath === base.live.candidates_path)
    throw new DemoSafetyError(`the demo never writes ${base.live.candidates_path}`);
  const config: Config = structuredClone(base);
  config.hyperliquid = {
    ...base.hyperliquid,
    network: "custom",
    http_url: s.venue.url,
    ws_url: s.venue.wsUrl,
    stale_feed_seconds: Math.max(base.hyperliquid.stale_feed_seconds, Math.ceil(STALE_FEED_WALL_S * s.speed)),
  };
  if (base.daemon.ws_sample_ms > 0)
    config.daemon.ws_sample_ms = Math.max(base.daemon.ws_sample_ms, Math.ceil(WS_SAMPLE_WALL_MS * s.speed));
  config.ledger.path = s.ledgerPath;
  config.live.candidates_path = s.candidatesPath;
  config.engine.coins = [...s.coins];
  config.api = {
    ...base.api,
    enabled: true,
    host: "127.0.0.1",
    port: s.port,
    dashboard_refresh_seconds: DASHBOARD_REFRESH_S,
  };
  assertDemoVenue(config, s.venue.url);
  return config;
}

/** Refuses a config whose venue is not the demo's own loopback venue. */
export function assertDemoVenue(config: Config, venueUrl: string): void {
  const h = config.hyperliquid;
  const loopback = (url: string | undefined) => {
    if (!url) return false;
    try {
      return isLoopback(new URL(url).hostname);
    } catch {
      return false;
    }
  };
  if (h.network !== "custom" || h.http_url !== venueUrl || !loopback(h.http_url) || !loopback(h.ws_url)) {
    throw new DemoSafetyError(
      `demo refused: venue ${h.network} ${h.http_url ?? ""} ${h.ws_url ?? ""} is not the demo's own loopback venue ${venueUrl}`,
    );
  }
  if (!isLoopback(config.api.host)) throw new DemoSafetyError("demo refused: the API binds beyond loopback");
}

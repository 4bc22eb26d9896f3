/**
 * The API without a daemon (`hlbot serve`, the `hlbot status` fallback): health is derived from the
 * ledger alone — last tick = newest daemon equity snapshot, halts from bot_state, feed unknown —
 * and the daemon-only counters are simply not exported.
 */
import type { Database } from "bun:sqlite";
import type { Hono } from "hono";
import type { Config } from "../config/schema.ts";
import { type Clock, wallClock } from "../core/clock.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { createApiApp } from "./app.ts";
import { StatusQueries } from "./queries/status.ts";
import type { HealthSource } from "./types.ts";

export function ledgerHealthSource(db: Database, clock: Clock, startedAt = clock.now()): HealthSource {
  const status = new StatusQueries(db);
  return {
    snapshot: () => ({
      source: "ledger",
      version: VERSION,
      commit: COMMIT,
      startedAt,
      lastTickAt: status.lastTickAt(),
      feed: { state: "unknown", lastMessageAt: null },
      halts: status.halts(clock.now()),
      venue: null,
    }),
  };
}

/** The full API over a ledger handle, configured from `config` (ledger path, candidates, api). */
export function ledgerApiApp(db: Database, config: Config, clock: Clock = wallClock): Hono {
  return createApiApp({
    db,
    ledgerPath: config.ledger.path,
    candidatesPath: config.live.candidates_path,
    tickSeconds: config.engine.tick_seconds,
    health: ledgerHealthSource(db, clock),
    clock,
    api: { token: config.api.token, dashboardRefreshSeconds: config.api.dashboard_refresh_seconds },
  });
}

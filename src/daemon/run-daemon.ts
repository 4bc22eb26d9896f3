/**
 * The daemon as a process runs it — `hlbot trade` and `hlbot demo` both call this: one lock per
 * ledger, the ledger, the losing-weeks start check, the Hyperliquid client, the Daemon (shadow, plus
 * the live path when secrets are given), the read-only API, SIGTERM/SIGINT, and a clean shutdown.
 * What differs between the commands is passed in: the config (the demo's points at its own local
 * venue), the secrets (the demo's come from that venue), the time (the demo's clock is accelerated)
 * and the DEMO flag /health reports.
 */
import type { Database } from "bun:sqlite";
import { createApiApp } from "../api/app.ts";
import { type ApiServer, startApiServer } from "../api/server.ts";
import type { Config } from "../config/schema.ts";
import type { LiveSecrets } from "../config/secrets.ts";
import { type Clock, wallClock } from "../core/clock.ts";
import { HyperliquidClient } from "../hyperliquid/client.ts";
import type { Sleep } from "../hyperliquid/rate-limit.ts";
import { log } from "../log.ts";
import { acquireRunLock } from "../mining/run-lock.ts";
import { Daemon } from "./daemon.ts";
import { daemonHealth } from "./health.ts";
import { hyperliquidLivePath } from "./live-path.ts";
import { checkLosingWeeks } from "./losing-weeks.ts";
import { onStopSignals } from "./stop-signals.ts";

/** How long a stopped daemon lets in-flight network work wind down before the process exits, ms. */
const EXIT_GRACE_MS = 3_000;

/** A clock other than the wall's: it drives the exchange time, the rate limiter and every wait. */
export interface DaemonTime {
  clock: Clock;
  /** How many times faster than wall time `clock` runs. */
  speed: number;
  /** Waits a span of `clock`'s time. */
  sleep: Sleep;
}

export interface RunDaemonOptions {
  config: Config;
  /** Opens the ledger at config.ledger.path (the CLI context's, with its busy timeout). */
  openDb: () => Database;
  /** The live path runs when given (the client signs with them). */
  secrets?: LiveSecrets | undefined;
  /** One tick after the warm-up, then return. */
  once?: boolean;
  /** Start despite the consecutive-losing-weeks halt. */
  force?: boolean;
  /** Let the API bind beyond loopback (a token is still required). */
  allowRemote?: boolean;
  /** Default: the wall clock. */
  time?: DaemonTime;
  /** `hlbot demo`: /health reports `venue.demo: true`. */
  demo?: boolean;
  /** Command name for log lines, e.g. "hlbot trade". */
  name: string;
  /** Called with the ledger open and locked, before anything reads it (the demo loads its history). */
  prepare?: (db: Database) => void;
  /** Called once the API listens (or without one), before the start-up top-up. */
  onReady?: (ready: { apiUrl: string | null; daemon: Daemon }) => void;
  /** Called once the daemon is warmed up, before its first tick. */
  onStarted?: () => void;
}

/** Runs until SIGTERM/SIGINT (or after one tick with `once`); resolves with the exit code. */
export async function runDaemon(o: RunDaemonOptions): Promise<number> {
  const { config, secrets } = o;
  // One daemon per ledger: a second one would double every decision and order.
  const lock = acquireRunLock(`${config.ledger.path}.trade.lock`);
  const db = o.openDb();
  let server: ApiServer | null = null;
  let removeSignals = () => {};
  try {
    o.prepare?.(db);
    const clock = o.time?.clock ?? wallClock;
    if (!o.force) checkLosingWeeks(db, clock.now(), config.risk.losing_weeks_halt);
    const client = new HyperliquidClient(
      config.hyperliquid,
      secrets,
      o.time ? { clock, rateClock: clock, sleep: o.time.sleep } : { clock },
    );
    const daemon = new Daemon({
      config,
      db,
      client,
      clock,
      live: secrets ? hyperliquidLivePath : null,
      ...(o.time ? { sleep: o.time.sleep, speed: o.time.speed } : {}),
    });
    removeSignals = onStopSignals(() => daemon.requestStop());
    if (config.api.enabled) {
      const health = daemonHealth({
        db,
        clock,
        client,
        stats: () => daemon.stats(),
        live: secrets !== undefined,
        demo: o.demo === true,
      });
      const app = createApiApp({
        db,
        ledgerPath: config.ledger.path,
        candidatesPath: config.live.candidates_path,
        tickSeconds: config.engine.tick_seconds,
        health,
        metrics: health,
        clock,
        api: { token: config.api.token, dashboardRefreshSeconds: config.api.dashboard_refresh_seconds },
      });
      server = startApiServer(app, config.api, { allowRemote: o.allowRemote === true });
      log.info(`API on ${server.url}/ (health, positions, decisions, metrics, dashboard)`);
    }
    log.info(`${o.name}: ${secrets ? "shadow + LIVE" : "shadow"} mode, ledger ${config.ledger.path}`);
    o.onReady?.({ apiUrl: server?.url ?? null, daemon });
    try {
      await daemon.run({ once: o.once === true, ...(o.onStarted ? { onStarted: o.onStarted } : {}) });
    } finally {
      await daemon.close();
    }
    const s = daemon.stats();
    log.info(`stopped after ${s.ticks} ticks (${s.errorsTotal} errors: ${JSON.stringify(s.errors)})`);
    return 0;
  } finally {
    removeSignals();
    await server?.stop();
    db.close();
    lock.release();
  }
}

/**
 * After a daemon run returned: work still in flight (a REST retry's backoff) must not hold the
 * process once the ledger is closed, so it exits at the latest EXIT_GRACE_MS later.
 */
export function exitAfterGrace(): void {
  setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
}

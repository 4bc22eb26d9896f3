/**
 * The daemon as a process runs it — `hlbot trade` and `hlbot demo` both call this: a bad API bind
 * refused before anything is created, one lock per ledger (an flock on the ledger itself, so a hard
 * link cannot run a second daemon), the ledger, the Hyperliquid client with the limiter's saved
 * weight window (a restart stays inside Hyperliquid's per-minute budget), the Daemon (shadow, plus
 * the live path when secrets are given), the operator layer (alerts, heartbeat, the control socket
 * `hlbot ctl` talks to, Telegram commands, the log file: src/control/operations.ts) — started before
 * the losing-weeks start check so its refusal is alerted —, the read-only API, SIGTERM/SIGINT, and a
 * clean shutdown that says goodbye (daemon_stop) and flushes the alerts.
 * What differs between the commands is passed in: the config (the demo's points at its own local
 * venue), the secrets (the demo's come from that venue), the time (the demo's clock is accelerated)
 * and the DEMO flag /health reports.
 */
import type { Database } from "bun:sqlite";
import { alertEvents } from "../alerts/events.ts";
import { alertLiveEvent } from "../alerts/live-events.ts";
import { createApiApp } from "../api/app.ts";
import { type ApiServer, assertBindAllowed, startApiServer } from "../api/server.ts";
import type { Config } from "../config/schema.ts";
import type { LiveSecrets } from "../config/secrets.ts";
import type { AlertSecrets } from "../config/sections/alerts.ts";
import type { Operations } from "../control/operations.ts";
import { type Clock, wallClock } from "../core/clock.ts";
import { HyperliquidClient } from "../hyperliquid/client.ts";
import type { Sleep } from "../hyperliquid/rate-limit.ts";
import { StoredWeightJournal } from "../hyperliquid/weight-journal.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { log } from "../log.ts";
import { acquireDaemonLock } from "../mining/run-lock.ts";
import { type DaemonSessionRun, finishDaemonSession, startDaemonSession } from "../runs/daemon-session.ts";
import { Daemon } from "./daemon.ts";
import { hyperliquidLivePath } from "./live-path.ts";
import { checkLosingWeeks, LosingWeeksError } from "./losing-weeks.ts";
import { attachOperations } from "./operations.ts";
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
  /** Notifier tokens and URLs (environment / .env); alerts are off unless `alerts` enables some. */
  alertSecrets?: AlertSecrets | undefined;
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
  const allowRemote = o.allowRemote === true;
  // Refuse a bad bind before anything is created; then folder → lock → ledger.
  if (config.api.enabled) assertBindAllowed(config.api, { allowRemote });
  // One daemon per ledger (also through a hard link): a second one would double every decision and order.
  const lock = acquireDaemonLock(config.ledger.path);
  let db: Database;
  try {
    db = o.openDb();
  } catch (error) {
    lock.release();
    throw error;
  }
  let server: ApiServer | null = null;
  let ops: Operations | null = null;
  let running: Daemon | null = null;
  let stopReason = o.once ? "--once: one tick done" : "stopped";
  const counts = () => ({ ticks: running?.stats().ticks ?? 0, errors: running?.stats().errorsTotal ?? 0 });
  let removeSignals = () => {};
  let session: DaemonSessionRun;
  try {
    o.prepare?.(db);
    const clock = o.time?.clock ?? wallClock;
    session = startDaemonSession(db, {
      config,
      kind: o.demo ? "demo" : "trade",
      live: secrets !== undefined,
      clock,
    });
    const client = new HyperliquidClient(
      config.hyperliquid,
      secrets,
      o.time ? { clock, rateClock: clock, sleep: o.time.sleep } : { clock },
    );
    // Start from the weight window the previous process left: a restart never bursts the IP budget.
    client.limiter.attachJournal(new StoredWeightJournal(new BotStateRepo(db)));
    const daemon = new Daemon({
      config,
      db,
      client,
      clock,
      live: secrets ? hyperliquidLivePath : null,
      force: o.force === true,
      ...(o.time ? { sleep: o.time.sleep, speed: o.time.speed } : {}),
      onLiveEvent: alertLiveEvent,
      sessionRunId: session.id,
    });
    running = daemon;
    removeSignals = onStopSignals((signal) => {
      stopReason = signal;
      daemon.requestStop();
    });
    const attached = await attachOperations(daemon, {
      config,
      db,
      clock,
      client,
      alertSecrets: o.alertSecrets,
      live: secrets !== undefined,
      demo: o.demo === true,
    });
    ops = attached.ops;
    // --live checks the losing weeks after start-up reconciliation (the live path's start).
    if (!o.force && !secrets) checkLosingWeeks(db, clock.now(), config.risk.losing_weeks_halt);
    if (config.api.enabled) {
      const app = createApiApp({
        db,
        ledgerPath: config.ledger.path,
        candidatesPath: config.live.candidates_path,
        tickSeconds: config.engine.tick_seconds,
        health: attached.health,
        metrics: attached.metrics,
        clock,
        api: { token: config.api.token, dashboardRefreshSeconds: config.api.dashboard_refresh_seconds },
      });
      server = startApiServer(app, config.api, { allowRemote });
      log.info(`API on ${server.url}/ (health, positions, decisions, metrics, dashboard)`);
    }
    log.info(`${o.name}: ${secrets ? "shadow + LIVE" : "shadow"} mode, ledger ${config.ledger.path}`);
    o.onReady?.({ apiUrl: server?.url ?? null, daemon });
    try {
      await daemon.run({ once: o.once === true, ...(o.onStarted ? { onStarted: o.onStarted } : {}) });
    } finally {
      await daemon.close();
    }
    await ops.stop(stopReason, counts());
    ops = null;
    const s = daemon.stats();
    try {
      finishDaemonSession(db, session, {
        config,
        clock,
        summary: { stopReason, ticks: s.ticks, errors: s.errorsTotal },
      });
    } catch (error) {
      log.warn(`session run ${session.id} not closed (it stays unfinished)`, error);
    }
    const t = client.transport.stats();
    log.info(
      `stopped after ${s.ticks} ticks (${s.errorsTotal} tick errors: ${JSON.stringify(s.errors)}; ` +
        `Hyperliquid: ${t.failed} failed requests, ${t.retries} retries${t.lastError ? `, last: ${t.lastError}` : ""})`,
    );
    return 0;
  } catch (error) {
    if (error instanceof LosingWeeksError)
      ops?.alerts.emit(alertEvents.losingWeeksHalt({ weeks: error.weeks, limit: error.limit }));
    await ops?.stop(`stopped by an error: ${(error as Error).message}`, counts());
    throw error;
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

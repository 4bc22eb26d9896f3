/**
 * The operator layer around a running Daemon (`hlbot trade`, `hlbot demo`): the health source /health
 * and the alerts read, `startOperations` (alerts, heartbeat, health watch, daily summary, the control
 * socket serving the daemon's ControlTarget, Telegram commands, the log file) and the after-tick hook
 * that drives it; /metrics gets the alert and heartbeat counters. Live events reach the alerts
 * through `alertLiveEvent` (DaemonDeps.onLiveEvent), which needs no handle on what is started here.
 */
import type { Database } from "bun:sqlite";
import type { HealthSource, MetricsSource } from "../api/types.ts";
import type { Config } from "../config/schema.ts";
import type { AlertSecrets } from "../config/sections/alerts.ts";
import { type Operations, startOperations } from "../control/operations.ts";
import { type Clock, wallClock } from "../core/clock.ts";
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import type { Daemon } from "./daemon.ts";
import { daemonHealth } from "./health.ts";

export interface AttachOptions {
  config: Config;
  db: Database;
  clock: Clock;
  client: HyperliquidClient;
  /** Notifier tokens and URLs (environment / .env). */
  alertSecrets?: AlertSecrets | undefined;
  /** `--live` was asked for. */
  live: boolean;
  /** `hlbot demo`: alerts say DEMO, /health `venue.demo`. */
  demo: boolean;
  /** Paces the heartbeat: wall time (default), whatever speed the daemon's clock runs at. */
  heartbeatClock?: Clock;
}

export interface AttachedOperations {
  ops: Operations;
  health: HealthSource;
  /** The daemon's /metrics source: runtime counters plus the alert and heartbeat counters. */
  metrics: MetricsSource;
}

export async function attachOperations(daemon: Daemon, o: AttachOptions): Promise<AttachedOperations> {
  const health = daemonHealth({
    db: o.db,
    clock: o.clock,
    client: o.client,
    stats: () => daemon.stats(),
    live: o.live,
    demo: o.demo,
  });
  const ops = await startOperations({
    config: o.config,
    secrets: { alerts: o.alertSecrets ?? {} },
    db: o.db,
    clock: o.clock,
    health,
    target: daemon.control,
    venue: { network: o.client.network, live: o.live, demo: o.demo },
    heartbeatClock: o.heartbeatClock ?? wallClock,
  });
  daemon.onTick = (now, committed) => ops.afterTick(now, { committed });
  return { ops, health, metrics: { ...health, write: (w) => ops.writeMetrics(w) } };
}

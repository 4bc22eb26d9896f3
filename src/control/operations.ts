/**
 * The operator layer a daemon runs beside its tick loop, started and stopped as one: the alert
 * dispatcher (installed as the process-wide sink, so `emitAlert` works anywhere), the dead-man
 * heartbeat, the health watch (halts, feed) and the daily summary — all driven by `afterTick` — the
 * control socket, the read-only Telegram commands and the log file. Nothing here can throw into a
 * tick; a misconfigured notifier fails `startOperations` (exit 2) before the daemon trades.
 *
 * @example
 * const ops = await startOperations({ config, secrets, db, clock, health, target, venue });
 * // after every tick:  ops.afterTick(clock.now(), { committed });
 * // in /metrics:       ops.writeMetrics(promWriter);
 * // on the way out:    await ops.stop("SIGTERM");
 */
import type { Database } from "bun:sqlite";
import type { AlertSink } from "../alerts/alert.ts";
import { installAlertSink } from "../alerts/bus.ts";
import { DailySummary } from "../alerts/daily-summary.ts";
import { alertEvents } from "../alerts/events.ts";
import { writeAlertMetrics } from "../alerts/metrics.ts";
import { alertLabel, setupAlerts } from "../alerts/setup.ts";
import { TelegramCommands } from "../alerts/telegram-commands.ts";
import { HealthWatch } from "../alerts/watch.ts";
import { createApiApp } from "../api/app.ts";
import type { PromWriter } from "../api/prometheus.ts";
import type { HealthSource } from "../api/types.ts";
import type { Config } from "../config/schema.ts";
import type { Secrets } from "../config/secrets.ts";
import type { Clock } from "../core/clock.ts";
import { addLogFile, log } from "../log.ts";
import { logFilePath } from "../log-file.ts";
import { appReader } from "./api-reader.ts";
import { type ControlServer, startControlServer } from "./server.ts";
import { controlSocketPath } from "./socket-file.ts";
import type { ControlTarget } from "./target.ts";

export interface OperationsDeps {
  config: Config;
  secrets: Secrets;
  /** The daemon's (writable) ledger handle. */
  db: Database;
  clock: Clock;
  /** The daemon's health source (src/daemon/health.ts) — what /health serves. */
  health: HealthSource;
  /** The daemon's control implementation; null = no control socket. */
  target: ControlTarget | null;
  /** Where it trades, for the alert label ("mainnet LIVE", "DEMO", …). */
  venue: { network: string; live: boolean; demo?: boolean };
  /**
   * The heartbeat's pacing clock (default `clock`): wall time where the daemon's clock runs faster
   * (`hlbot demo`), so a dead-man service is pinged every `interval_minutes` of real time.
   */
  heartbeatClock?: Clock;
}

export interface Operations {
  readonly alerts: AlertSink;
  /**
   * Heartbeat, health watch, daily summary: call after every tick (never throws). The heartbeat pings
   * only after a tick that committed — a daemon whose every tick fails is as dead as a stuck one.
   */
  afterTick(now: number, tick?: { committed?: boolean }): void;
  /** The alert and heartbeat counters, for the daemon's /metrics. */
  writeMetrics(w: PromWriter): void;
  /** Says goodbye (daemon_stop), closes the socket and pollers, flushes alerts (bounded). */
  stop(reason: string, counts?: { ticks: number; errors: number }): Promise<void>;
}

/** How long `stop` waits for queued alerts to go out, ms. */
const STOP_FLUSH_MS = 5_000;

export async function startOperations(d: OperationsDeps): Promise<Operations> {
  const { config, clock } = d;
  const { alerter, heartbeat, telegram } = setupAlerts(config.alerts, d.secrets, {
    clock,
    label: alertLabel(d.venue),
  });
  const detachLog = config.log.file
    ? addLogFile({
        path: logFilePath(config.ledger.path),
        maxBytes: Math.round(config.log.file_max_mb * 1024 * 1024),
        keep: config.log.file_keep,
      })
    : () => {};
  const restoreSink = installAlertSink(alerter);
  let control: ControlServer | null = null;
  let commands: TelegramCommands | null = null;
  try {
    if (d.target) {
      control = await startControlServer({
        path: controlSocketPath(config.ledger.path),
        target: d.target,
        db: d.db,
        clock,
        alerts: alerter,
      });
    }
    if (telegram && config.alerts.telegram.command_chat_ids.length > 0) {
      const app = createApiApp({
        db: d.db,
        ledgerPath: config.ledger.path,
        candidatesPath: config.live.candidates_path,
        tickSeconds: config.engine.tick_seconds,
        health: d.health,
        clock,
        api: { token: undefined, dashboardRefreshSeconds: config.api.dashboard_refresh_seconds },
      });
      commands = new TelegramCommands({
        bot: telegram,
        allowChatIds: config.alerts.telegram.command_chat_ids,
        reader: appReader(app, config.ledger.path),
        clock,
        pollTimeoutSeconds: config.alerts.telegram.poll_timeout_seconds,
      });
      commands.start();
    }
  } catch (error) {
    control?.stop();
    restoreSink();
    detachLog();
    await alerter.close(0);
    throw error;
  }

  const watch = new HealthWatch(alerter, config.alerts.feed_down_after_seconds * 1000);
  const hour = config.alerts.daily_summary_hour_utc;
  const summary = hour === null ? null : new DailySummary(d.db, alerter, hour);
  const olog = () => log.withTag("alerts");
  const first = d.health.snapshot();
  watch.observe(first, clock.now());
  alerter.emit(
    alertEvents.daemonStart({
      mode: d.venue.live ? "shadow + LIVE" : "shadow",
      venue: d.venue.demo ? "the local demo venue" : d.venue.network,
      halts: first.halts.map((h) => h.name),
    }),
  );

  return {
    alerts: alerter,
    afterTick(now, tick) {
      try {
        if (tick?.committed !== false) heartbeat?.beat(d.heartbeatClock?.now() ?? now);
        watch.observe(d.health.snapshot(), now);
        summary?.tick(now);
      } catch (error) {
        olog().warn("operator checks after the tick failed; the loop goes on", error);
      }
    },
    writeMetrics(w) {
      writeAlertMetrics(w, alerter.stats(), heartbeat?.stats ?? null);
    },
    async stop(reason, counts = { ticks: 0, errors: 0 }) {
      alerter.emit(alertEvents.daemonStop({ reason, ...counts }));
      control?.stop();
      // A ping in flight finishes (bounded by its own timeout) rather than being cut off mid-request.
      await heartbeat?.settled();
      heartbeat?.close();
      await commands?.stop();
      const delivered = await alerter.close(STOP_FLUSH_MS);
      if (!delivered) olog().warn("some alerts were not delivered before the daemon stopped");
      restoreSink();
      detachLog();
    },
  };
}

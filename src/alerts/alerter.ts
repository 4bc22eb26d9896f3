/**
 * The alert dispatcher: `emit` stamps an event, applies the minimum severity and the per-event
 * throttle, and hands it to every notifier's own bounded queue — synchronously, never blocking,
 * never throwing, so a tick that emits is never slowed by a slow or dead notifier. `test` sends
 * one message to each notifier directly and reports each result (`hlbot alerts test`).
 */
import type { AlertsConfig } from "../config/sections/alerts.ts";
import type { Clock } from "../core/clock.ts";
import { log } from "../log.ts";
import type { Alert, AlertEvent, AlertSink, Notifier } from "./alert.ts";
import { NotifyError } from "./alert.ts";
import { ALERT_KINDS, atLeast } from "./kinds.ts";
import { type AbortableSleep, NotifierQueue, type QueueStats } from "./queue.ts";
import { Throttle } from "./throttle.ts";

const alog = () => log.withTag("alerts");

export interface AlerterOptions {
  notifiers: Notifier[];
  config: AlertsConfig;
  clock: Clock;
  /** Which bot, shown in every alert: e.g. "mainnet LIVE", "DEMO". */
  label: string;
  sleep?: AbortableSleep;
}

export interface AlertStats {
  emitted: number;
  /** Below `min_severity`: not sent anywhere. */
  belowSeverity: number;
  throttled: number;
  notifiers: Record<string, QueueStats>;
}

export interface TestResult {
  notifier: string;
  ok: boolean;
  error?: string;
}

export class Alerter implements AlertSink {
  readonly #queues: NotifierQueue[];
  readonly #throttle = new Throttle();
  readonly #o: AlerterOptions;
  #emitted = 0;
  #belowSeverity = 0;

  constructor(o: AlerterOptions) {
    this.#o = o;
    this.#queues = o.notifiers.map(
      (n) =>
        new NotifierQueue(n, {
          size: o.config.queue_size,
          maxAttempts: o.config.max_attempts,
          retryInitialMs: o.config.retry_initial_ms,
          retryMaxMs: o.config.retry_max_ms,
          ...(o.sleep ? { sleep: o.sleep } : {}),
          onFailure: (name, error, retry) =>
            alog().warn(`alert to ${name} failed: ${error.message}${retry ? "; will retry" : "; dropped"}`),
        }),
    );
  }

  get notifierNames(): string[] {
    return this.#queues.map((q) => q.notifier.name);
  }

  emit(event: AlertEvent): void {
    try {
      this.#emitted++;
      const spec = ALERT_KINDS[event.kind];
      const severity = event.severity ?? spec.severity;
      if (!atLeast(severity, this.#o.config.min_severity)) {
        this.#belowSeverity++;
        return;
      }
      const now = this.#o.clock.now();
      const seconds = this.#o.config.throttle_seconds[event.kind] ?? spec.throttleSeconds;
      const gate = this.#throttle.admit(event.kind, event.key ?? null, now, seconds * 1000);
      if (!gate.send) return;
      const alert: Alert = {
        kind: event.kind,
        severity,
        title: event.title,
        text: event.text ?? null,
        fields: event.fields ?? {},
        key: event.key ?? null,
        t: now,
        label: this.#o.label,
        suppressed: gate.held,
      };
      for (const q of this.#queues) q.push(alert);
    } catch (error) {
      alog().error("alert could not be queued", error);
    }
  }

  stats(): AlertStats {
    return {
      emitted: this.#emitted,
      belowSeverity: this.#belowSeverity,
      throttled: this.#throttle.suppressedTotal,
      notifiers: Object.fromEntries(this.#queues.map((q) => [q.notifier.name, structuredClone(q.stats)])),
    };
  }

  /** Sends a test message to every notifier at once, bypassing queue and throttle. */
  async test(timeoutMs: number): Promise<TestResult[]> {
    const alert: Alert = {
      kind: "test",
      severity: "info",
      title: "test alert: this notifier works",
      text: "Sent by `hlbot alerts test`.",
      fields: {},
      key: null,
      t: this.#o.clock.now(),
      label: this.#o.label,
      suppressed: 0,
    };
    return Promise.all(
      this.#queues.map(async ({ notifier }) => {
        try {
          await notifier.send(alert, AbortSignal.timeout(timeoutMs));
          return { notifier: notifier.name, ok: true };
        } catch (error) {
          const message = error instanceof NotifyError ? error.message : `${notifier.name}: ${String(error)}`;
          return { notifier: notifier.name, ok: false, error: message };
        }
      }),
    );
  }

  /** Waits up to `flushMs` for the queues to empty, then aborts what is left. True when all were sent. */
  async close(flushMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), flushMs);
    });
    const drained = await Promise.race([
      Promise.all(this.#queues.map((q) => q.idle())).then(() => true),
      deadline,
    ]);
    clearTimeout(timer);
    for (const q of this.#queues) q.close();
    return drained;
  }
}

/**
 * One notifier's delivery queue: bounded, drained by a single worker that retries with exponential
 * backoff (a server's retry_after wins) and gives up after `maxAttempts`. `push` is synchronous and
 * never blocks: when the queue is full the oldest non-critical alert is dropped (the oldest of all if
 * every one is critical). Every outcome is counted; failures are logged, never thrown.
 */
import type { Alert, Notifier } from "./alert.ts";
import { NotifyError } from "./alert.ts";

export type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const abortableSleep: AbortableSleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

export interface QueueOptions {
  size: number;
  maxAttempts: number;
  retryInitialMs: number;
  retryMaxMs: number;
  sleep?: AbortableSleep;
  onFailure?: (notifier: string, error: NotifyError, willRetry: boolean) => void;
}

export interface QueueStats {
  sent: number;
  /** Attempts that failed (each retry counts). */
  failed: number;
  dropped: { queue_full: number; gave_up: number };
  retries: number;
  queued: number;
}

export class NotifierQueue {
  readonly #items: { alert: Alert; attempts: number }[] = [];
  readonly #abort = new AbortController();
  #worker: Promise<void> | null = null;
  readonly stats: QueueStats = {
    sent: 0,
    failed: 0,
    dropped: { queue_full: 0, gave_up: 0 },
    retries: 0,
    queued: 0,
  };

  constructor(
    readonly notifier: Notifier,
    private readonly o: QueueOptions,
  ) {}

  push(alert: Alert): void {
    if (this.#abort.signal.aborted) return;
    if (this.#items.length >= this.o.size) {
      // Never the one being sent (index 0 while a worker runs): it may already be on the wire.
      const from = this.#worker ? 1 : 0;
      let victim = this.#items.findIndex((x, i) => i >= from && x.alert.severity !== "critical");
      if (victim < 0) victim = Math.min(from, this.#items.length - 1);
      this.#items.splice(victim, 1);
      this.stats.dropped.queue_full++;
    }
    this.#items.push({ alert, attempts: 0 });
    this.stats.queued = this.#items.length;
    this.#worker ??= this.#drain().finally(() => {
      this.#worker = null;
    });
  }

  /** Resolves when the queue is empty (or was closed). */
  async idle(): Promise<void> {
    while (this.#worker) await this.#worker;
  }

  /** Stops retrying and aborts a request in flight; what is still queued is dropped (not counted). */
  close(): void {
    this.#abort.abort();
  }

  async #drain(): Promise<void> {
    const signal = this.#abort.signal;
    const sleep = this.o.sleep ?? abortableSleep;
    while (this.#items.length > 0 && !signal.aborted) {
      const head = this.#items[0]!;
      head.attempts++;
      try {
        await this.notifier.send(head.alert, signal);
        this.stats.sent++;
        this.#items.shift();
      } catch (raw) {
        if (signal.aborted) break;
        const error = raw instanceof NotifyError ? raw : new NotifyError(this.notifier.name, String(raw));
        this.stats.failed++;
        const retry = !error.permanent && head.attempts < this.o.maxAttempts;
        this.o.onFailure?.(this.notifier.name, error, retry);
        if (!retry) {
          this.stats.dropped.gave_up++;
          this.#items.shift();
        } else {
          this.stats.retries++;
          const backoff = Math.min(this.o.retryMaxMs, this.o.retryInitialMs * 2 ** (head.attempts - 1));
          await sleep(error.retryAfterMs ?? backoff, signal);
        }
      }
      this.stats.queued = this.#items.length;
    }
    if (signal.aborted) this.#items.length = 0;
    this.stats.queued = this.#items.length;
  }
}

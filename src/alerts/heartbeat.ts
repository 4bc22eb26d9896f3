/**
 * The dead-man heartbeat: a GET to a healthchecks-style URL at most every `intervalMs`, driven by
 * the daemon's ticks (`beat(now)` after each one), so a daemon whose loop is stuck stops pinging and
 * the service raises the alarm. One ping in flight at a time; it never blocks or throws.
 */
import { log } from "../log.ts";
import { type FetchFn, notifierRequest } from "./http.ts";

export interface HeartbeatOptions {
  url: string;
  intervalMs: number;
  timeoutMs: number;
  fetch?: FetchFn;
}

export interface HeartbeatStats {
  ok: number;
  failed: number;
  /** ms UTC of the last ping the service acknowledged (2xx). */
  lastOkAt: number | null;
}

export class Heartbeat {
  readonly stats: HeartbeatStats = { ok: 0, failed: 0, lastOkAt: null };
  readonly #abort = new AbortController();
  #next = Number.NEGATIVE_INFINITY;
  #inFlight: Promise<void> | null = null;

  constructor(private readonly o: HeartbeatOptions) {}

  /** Pings when the interval has passed since the last ping was started. */
  beat(now: number): void {
    if (now < this.#next || this.#inFlight || this.#abort.signal.aborted) return;
    this.#next = now + this.o.intervalMs;
    this.#inFlight = this.#ping(now).finally(() => {
      this.#inFlight = null;
    });
  }

  /** The ping in flight, if any (tests and shutdown wait for it). */
  async settled(): Promise<void> {
    await this.#inFlight;
  }

  close(): void {
    this.#abort.abort();
  }

  async #ping(now: number): Promise<void> {
    try {
      const res = await notifierRequest(this.o.url, {
        notifier: "heartbeat",
        method: "GET",
        timeoutMs: this.o.timeoutMs,
        signal: this.#abort.signal,
        ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.stats.ok++;
      this.stats.lastOkAt = now;
    } catch (error) {
      this.stats.failed++;
      log.withTag("alerts").warn(`heartbeat ping failed: ${(error as Error).message}`);
    }
  }
}

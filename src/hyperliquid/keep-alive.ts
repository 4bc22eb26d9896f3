/**
 * Heartbeat for the Hyperliquid socket: the server drops a connection it has sent nothing on for
 * 60 s, so we send the JSON `{"method":"ping"}` every interval and expect `{"channel":"pong"}` back
 * within the pong timeout; otherwise `onDead` fires and the client reconnects. `onCheck` (the
 * client's stale-feed check) runs on its own, shorter period: a feed silent for stale_feed_seconds
 * is caught then, not at the next ping up to 50 s later.
 */

/** Ping period, ms (the Python SDK uses 50 s, under the server's 60 s idle cut). */
export const PING_INTERVAL_MS = 50_000;
/** How long a ping may go unanswered before the socket counts as dead, ms. */
export const PONG_TIMEOUT_MS = 10_000;

export interface KeepAliveOptions {
  intervalMs: number;
  pongTimeoutMs: number;
  sendPing(): void;
  onDead(): void;
  /** Runs every `checkIntervalMs` while started. */
  onCheck?(): void;
  checkIntervalMs?: number;
}

/** How often a feed is checked for silence: a tenth of the stale window, between 10 ms and 1 s. */
export function staleCheckMs(staleAfterMs: number): number {
  return Math.min(1_000, Math.max(10, Math.floor(staleAfterMs / 10)));
}

export class KeepAlive {
  #interval: ReturnType<typeof setInterval> | undefined;
  #check: ReturnType<typeof setInterval> | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: KeepAliveOptions) {}

  start(): void {
    this.stop();
    this.#interval = setInterval(() => this.#tick(), this.options.intervalMs);
    const onCheck = this.options.onCheck;
    if (onCheck) this.#check = setInterval(onCheck, this.options.checkIntervalMs ?? this.options.intervalMs);
  }

  stop(): void {
    if (this.#interval !== undefined) clearInterval(this.#interval);
    if (this.#check !== undefined) clearInterval(this.#check);
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    this.#interval = undefined;
    this.#check = undefined;
    this.#deadline = undefined;
  }

  /** A pong arrived: the socket is alive. */
  pong(): void {
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  #tick(): void {
    this.options.sendPing();
    if (this.#deadline === undefined) {
      this.#deadline = setTimeout(() => {
        this.#deadline = undefined;
        this.options.onDead();
      }, this.options.pongTimeoutMs);
    }
  }
}

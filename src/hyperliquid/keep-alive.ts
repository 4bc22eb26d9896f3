/**
 * Heartbeat for the Hyperliquid socket: the server drops a connection it has sent nothing on for
 * 60 s, so we send the JSON `{"method":"ping"}` every interval and expect `{"channel":"pong"}` back
 * within the pong timeout; otherwise `onDead` fires and the client reconnects. Each tick also runs
 * `onTick` (the client's stale-feed check).
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
  onTick?(): void;
}

export class KeepAlive {
  #interval: ReturnType<typeof setInterval> | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: KeepAliveOptions) {}

  start(): void {
    this.stop();
    this.#interval = setInterval(() => this.#tick(), this.options.intervalMs);
  }

  stop(): void {
    if (this.#interval !== undefined) clearInterval(this.#interval);
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    this.#interval = undefined;
    this.#deadline = undefined;
  }

  /** A pong arrived: the socket is alive. */
  pong(): void {
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    this.#deadline = undefined;
  }

  #tick(): void {
    this.options.onTick?.();
    if (this.#interval === undefined) return; // onTick may have stopped us
    this.options.sendPing();
    if (this.#deadline === undefined) {
      this.#deadline = setTimeout(() => {
        this.#deadline = undefined;
        this.options.onDead();
      }, this.options.pongTimeoutMs);
    }
  }
}

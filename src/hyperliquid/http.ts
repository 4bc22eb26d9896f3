/**
 * POST /info and /exchange over fetch, with a timeout, the shared weight limiter, and the error
 * taxonomy of errors.ts. /info is idempotent and retried with exponential backoff + jitter on
 * transport errors and 429. /exchange is retried only on 429 (nothing was executed); any other
 * failure returns to the caller as TransportError{outcomeUnknown: true} — reconcile by cloid.
 */
import { log } from "../log.ts";
import {
  BadRequestError,
  DecodeError,
  describeReason,
  excerpt,
  RateLimitError,
  TransportError,
  transportReason,
} from "./errors.ts";
import { realSleep, type Sleep, type WeightLimiter } from "./rate-limit.ts";
import { exchangeWeight, infoExtraWeight, infoWeight } from "./weights.ts";

export interface RetryPolicy {
  /** Attempts in total, first included. */
  maxAttempts: number;
  /** First backoff, ms; doubles per attempt. */
  baseDelayMs: number;
  /** Largest backoff, ms. */
  maxDelayMs: number;
}

/** Default retry policy: 4 attempts, 500 ms doubling to at most 8 s (jitter: 50–100% of that). */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export interface HttpTransportOptions {
  /** REST base, e.g. https://api.hyperliquid.xyz (no trailing /info). */
  baseUrl: string;
  timeoutMs: number;
  limiter: WeightLimiter;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** Uniform [0, 1) for jitter; tests pin it. */
  random?: () => number;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export type ExchangePath = "/info" | "/exchange";

export interface TransportStats {
  /** Requests sent (every attempt). */
  requests: Record<ExchangePath, number>;
  /** Attempts repeated after a failure. */
  retries: number;
  /** Failed attempts by kind (`transport:refused`, `transport:http`, `rate_limit`, …). */
  failures: Record<string, number>;
  /** Failed attempts in total (each retry that failed counts). */
  failed: number;
  /** The message of the latest failure (names its cause), or null. */
  lastError: string | null;
}

export class HttpTransport {
  readonly baseUrl: string;
  readonly limiter: WeightLimiter;
  readonly #opts: HttpTransportOptions;
  readonly #retry: RetryPolicy;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly #stats: TransportStats = {
    requests: { "/info": 0, "/exchange": 0 },
    retries: 0,
    failures: {},
    failed: 0,
    lastError: null,
  };
  /** host:port of the venue, for messages. */
  readonly #origin: string;

  constructor(options: HttpTransportOptions) {
    this.#opts = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#origin = originOf(this.baseUrl);
    this.limiter = options.limiter;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? Math.random;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** An /info query (`body.type` sets its weight); retried; returns the raw JSON. */
  async info(body: { type: string } & Record<string, unknown>): Promise<unknown> {
    const result = await this.#withRetry("/info", body, infoWeight(body.type), true);
    if (Array.isArray(result)) this.limiter.charge(infoExtraWeight(body.type, result.length));
    return result;
  }

  /** A signed /exchange body carrying `batchLength` orders/cancels; retried only on 429. */
  exchange(body: Record<string, unknown>, batchLength = 1): Promise<unknown> {
    return this.#withRetry("/exchange", body, exchangeWeight(batchLength), false);
  }

  stats(): TransportStats {
    return structuredClone(this.#stats);
  }

  async #withRetry(path: ExchangePath, body: unknown, weight: number, idempotent: boolean): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(weight);
      try {
        return await this.#post(path, body);
      } catch (error) {
        const kind = (error as { kind?: string }).kind ?? "unknown";
        const key = error instanceof TransportError ? `${kind}:${error.reason}` : kind;
        this.#stats.failures[key] = (this.#stats.failures[key] ?? 0) + 1;
        this.#stats.failed++;
        this.#stats.lastError = (error as Error).message;
        const retryable = error instanceof RateLimitError || (idempotent && error instanceof TransportError);
        if (!retryable || attempt >= this.#retry.maxAttempts) throw error;
        const delay = this.#backoff(attempt, error instanceof RateLimitError ? error.retryAfterMs : 0);
        if (error instanceof RateLimitError) this.limiter.backoff(delay);
        this.#stats.retries++;
        log
          .withTag("hyperliquid")
          .warn(
            `${(error as Error).message}; retry ${attempt} of ${this.#retry.maxAttempts - 1} in ${delay} ms`,
          );
        await this.#sleep(delay);
      }
    }
  }

  #backoff(attempt: number, atLeastMs: number): number {
    const exp = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.max(atLeastMs, Math.round(exp * (0.5 + this.#random() / 2)));
  }

  async #post(path: ExchangePath, body: unknown): Promise<unknown> {
    this.#stats.requests[path]++;
    const outcomeUnknown = path === "/exchange";
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#opts.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const reason = transportReason(cause);
      const what =
        reason === "timeout" ? `timed out after ${this.#opts.timeoutMs} ms` : describeReason(reason, cause);
      throw new TransportError(`POST ${path} to ${this.#origin}: ${what}`, outcomeUnknown, undefined, {
        cause,
        reason,
      });
    }
    if (response.status === 429) throw new RateLimitError(retryAfterMs(response), path);
    if (response.status >= 500) {
      throw new TransportError(
        `POST ${path} to ${this.#origin}: HTTP ${response.status}`,
        outcomeUnknown,
        response.status,
      );
    }
    if (response.status >= 400 || response.status < 200) {
      throw new BadRequestError(response.status, path, excerpt(text));
    }
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new DecodeError(`${path} response`, text, "not JSON", { cause });
    }
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Retry-After (seconds) in ms; 0 when absent or not a number (then our own backoff applies). */
function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get("retry-after") ?? "");
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0;
}

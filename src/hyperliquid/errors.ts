/**
 * The Hyperliquid adapter's error taxonomy (after nautilus' http/error.rs). What a caller must do
 * depends on the class, never on message text:
 * - TransportError: the request may or may not have reached the node. For an exchange action
 *   (`outcomeUnknown`), reconcile by cloid before doing anything else — never resend blindly.
 * - RateLimitError: HTTP 429; nothing was executed; wait `retryAfterMs`.
 * - BadRequestError: HTTP 4xx (e.g. 422 malformed body); nothing was executed; a bug on our side.
 * - ExchangeRejectError: the exchange answered `{"status":"err"}`; nothing was executed.
 * - DecodeError: the payload does not match our schema (the API changed silently).
 * - NonceError / AddressBudgetError / InvalidOrderError: refused locally, nothing was sent.
 */
import { BotError } from "../core/errors.ts";

/** Longest piece of a venue payload kept inside an error (enough to diagnose, never a log flood). */
export const PAYLOAD_EXCERPT_CHARS = 500;

export function excerpt(payload: unknown): string {
  const text = typeof payload === "string" ? payload : safeJson(payload);
  return text.length > PAYLOAD_EXCERPT_CHARS ? `${text.slice(0, PAYLOAD_EXCERPT_CHARS)}…` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Why a request did not get an answer: what an operator must fix differs for each. */
export type TransportReason = "dns" | "refused" | "reset" | "timeout" | "http" | "network";

/** The reason of a failed fetch, from the error Bun throws (its `code` / `name`). */
export function transportReason(cause: unknown): TransportReason {
  const e = cause as { name?: unknown; code?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (e?.name === "TimeoutError" || code === "ETIMEDOUT") return "timeout";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "DNSException") return "dns";
  if (code === "ECONNREFUSED" || code === "ConnectionRefused") return "refused";
  if (code === "ECONNRESET" || code === "ConnectionClosed" || code === "EPIPE") return "reset";
  return "network";
}

const REASON_TEXT: Record<TransportReason, string> = {
  dns: "DNS lookup failed",
  refused: "connection refused",
  reset: "connection closed by the server",
  timeout: "timed out",
  http: "server error",
  network: "network error",
};

/** "connection refused", "DNS lookup failed (ENOTFOUND)", … for messages. */
export function describeReason(reason: TransportReason, cause?: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  return reason === "network" && typeof code === "string"
    ? `${REASON_TEXT[reason]} (${code})`
    : REASON_TEXT[reason];
}

/** Network failure, timeout or HTTP 5xx. */
export class TransportError extends BotError {
  readonly kind = "transport";
  /** What went wrong: DNS, refused, reset, timeout, HTTP 5xx (`http`), or another network error. */
  readonly reason: TransportReason;
  constructor(
    message: string,
    /** True for /exchange: the action may have been executed; reconcile by cloid. */
    readonly outcomeUnknown: boolean,
    /** HTTP status when the node answered (5xx), undefined for network errors and timeouts. */
    readonly status?: number,
    options?: { cause?: unknown; reason?: TransportReason },
  ) {
    super(message, options);
    this.reason = options?.reason ?? (status === undefined ? "network" : "http");
  }
}

/** HTTP 429 from the IP rate limiter. The request was not executed. */
export class RateLimitError extends BotError {
  readonly kind = "rate_limit";
  constructor(
    readonly retryAfterMs: number,
    readonly path: string,
  ) {
    super(`rate limited (HTTP 429) on ${path}; retry after ${retryAfterMs} ms`);
  }
}

/** HTTP 4xx other than 429: the node refused the request as malformed. Not executed. */
export class BadRequestError extends BotError {
  readonly kind = "bad_request";
  constructor(
    readonly status: number,
    readonly path: string,
    readonly bodyExcerpt: string,
  ) {
    super(`HTTP ${status} on ${path}: ${bodyExcerpt}`);
  }
}

/** The exchange rejected a whole action (`{"status":"err","response":"…"}`); `venueMessage` is verbatim. */
export class ExchangeRejectError extends BotError {
  readonly kind = "exchange_reject";
  constructor(
    readonly action: string,
    readonly venueMessage: string,
  ) {
    super(`${action} rejected by the exchange: ${venueMessage}`);
  }
}

/** A venue payload that does not match its schema. Keeps an excerpt of the raw payload. */
export class DecodeError extends BotError {
  readonly kind = "decode";
  readonly payloadExcerpt: string;
  constructor(
    readonly what: string,
    payload: unknown,
    readonly issues: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot decode ${what}: ${issues}`, options);
    this.payloadExcerpt = excerpt(payload);
  }
}

/** No nonce the node would accept can be produced (clock far behind the last nonce issued). */
export class NonceError extends BotError {
  readonly kind = "nonce";
}

/** The per-address action budget is exhausted; the action was not sent. */
export class AddressBudgetError extends BotError {
  readonly kind = "address_budget";
  constructor(
    message: string,
    /** When the next action may be sent (epoch ms). */
    readonly nextAllowedAt: number,
  ) {
    super(message);
  }
}

/** An order that breaks tick/lot/notional rules or names an unknown coin; refused before signing. */
export class InvalidOrderError extends BotError {
  readonly kind = "invalid_order";
}

/** A value that is not a finite decimal number, or that the wire format cannot carry exactly. */
export class InvalidNumberError extends BotError {
  readonly kind = "invalid_number";
}

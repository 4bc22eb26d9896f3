/**
 * One HTTP request to a notifier, bounded by a timeout and the caller's abort signal. A transport
 * failure becomes a NotifyError whose message names only the failure (the URL may carry a token, so
 * it is never put into an error, a log line or a metric label).
 */
import { NotifyError } from "./alert.ts";

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface RequestOptions {
  notifier: string;
  method?: "GET" | "POST";
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  fetch?: FetchFn;
}

export async function notifierRequest(url: string, o: RequestOptions): Promise<Response> {
  const timeout = AbortSignal.timeout(o.timeoutMs);
  const signal = AbortSignal.any([timeout, o.signal]);
  const doFetch = o.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  try {
    return await doFetch(url, {
      method: o.method ?? "POST",
      headers: { ...(o.body !== undefined ? { "Content-Type": "application/json" } : {}), ...o.headers },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      signal,
      redirect: "manual",
    });
  } catch (error) {
    if (o.signal.aborted) throw new NotifyError(o.notifier, "aborted (shutting down)");
    if (timeout.aborted) throw new NotifyError(o.notifier, `no answer within ${o.timeoutMs} ms`);
    const code = (error as { code?: unknown } | null)?.code;
    throw new NotifyError(
      o.notifier,
      `request failed (${typeof code === "string" ? code : "network error"})`,
    );
  }
}

/** Seconds (Retry-After header, integer or decimal) → ms; an HTTP date or garbage → null. */
export function retryAfterHeader(res: Response): number | null {
  const v = res.headers.get("retry-after");
  if (v === null || !/^\d+(\.\d+)?$/.test(v.trim())) return null;
  return Math.ceil(Number(v) * 1000);
}

/** The error for a non-2xx answer: 408, 429 and 5xx are worth a retry; a redirect or other 4xx is not. */
export function statusError(notifier: string, res: Response, detail: string, retryAfterMs: number | null) {
  const permanent = res.status < 500 && res.status !== 429 && res.status !== 408;
  return new NotifyError(notifier, `HTTP ${res.status}${detail ? `: ${detail}` : ""}`, {
    status: res.status,
    retryAfterMs,
    permanent,
  });
}

/** The first `n` characters of a response body, for an error message (never echoing our request). */
export async function bodyExcerpt(res: Response, n = 200): Promise<string> {
  try {
    return (await res.text()).slice(0, n).replace(/\s+/g, " ").trim();
  } catch {
    return "";
  }
}

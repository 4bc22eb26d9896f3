/**
 * A generic JSON webhook: `POST {url}` with the alert as JSON (src/alerts/format.ts `alertJson`),
 * `Authorization: Bearer …` when a token is set. 2xx is delivered; 408/429/5xx are retried (after
 * Retry-After when given); any other answer is final.
 */
import type { Notifier } from "../alert.ts";
import { alertJson } from "../format.ts";
import { bodyExcerpt, type FetchFn, notifierRequest, retryAfterHeader, statusError } from "../http.ts";

export interface WebhookOptions {
  url: string;
  token?: string | undefined;
  timeoutMs: number;
  fetch?: FetchFn;
}

export function webhookNotifier(o: WebhookOptions): Notifier {
  const name = "webhook";
  return {
    name,
    async send(a, signal) {
      const res = await notifierRequest(o.url, {
        notifier: name,
        body: alertJson(a),
        headers: o.token ? { Authorization: `Bearer ${o.token}` } : {},
        timeoutMs: o.timeoutMs,
        signal,
        ...(o.fetch ? { fetch: o.fetch } : {}),
      });
      if (res.ok) return;
      throw statusError(name, res, await bodyExcerpt(res), retryAfterHeader(res));
    },
  };
}

/**
 * What an alert is: an event the daemon (or `hlbot promote`, `hlbot ctl`) reports, with a kind from
 * the catalogue (src/alerts/kinds.ts), a one-line title, optional detail and fields, and an optional
 * key that scopes the throttle (e.g. the coin). `AlertSink.emit` never blocks and never throws.
 */
import type { Severity } from "../config/sections/alerts.ts";
import { BotError } from "../core/errors.ts";
import type { AlertKind } from "./kinds.ts";

export type FieldValue = string | number | boolean | null;

export interface AlertEvent {
  kind: AlertKind;
  /** One line, e.g. "kill switch: drawdown 15.2% ≥ 15%". */
  title: string;
  /** More lines, plain text. */
  text?: string;
  fields?: Record<string, FieldValue>;
  /** Scopes the throttle within the kind (a coin, a position id). */
  key?: string;
  /** Overrides the kind's default severity. */
  severity?: Severity;
}

/** An event as it is delivered: stamped, labelled with where it comes from, with its throttle count. */
export interface Alert {
  kind: AlertKind;
  severity: Severity;
  title: string;
  text: string | null;
  fields: Record<string, FieldValue>;
  key: string | null;
  /** ms UTC it was emitted. */
  t: number;
  /** Which bot: e.g. "mainnet LIVE", "testnet shadow", "DEMO". */
  label: string;
  /** Alerts of the same kind and key held back by the throttle since the last one sent. */
  suppressed: number;
}

export interface AlertSink {
  emit(event: AlertEvent): void;
}

/** A notifier could not deliver. Never carries a token or a secret URL. */
export class NotifyError extends BotError {
  readonly kind = "notify";
  /** HTTP status, when the server answered. */
  readonly status: number | null;
  /** The server asked to wait this long before retrying (429 retry_after / Retry-After), ms. */
  readonly retryAfterMs: number | null;
  /** Retrying cannot help (e.g. 400 chat not found, 401/403/404 bad token or URL). */
  readonly permanent: boolean;

  constructor(
    readonly notifier: string,
    message: string,
    o: { status?: number | null; retryAfterMs?: number | null; permanent?: boolean } = {},
  ) {
    super(`${notifier}: ${message}`);
    this.status = o.status ?? null;
    this.retryAfterMs = o.retryAfterMs ?? null;
    this.permanent = o.permanent ?? false;
  }
}

/** Delivers one alert, or throws NotifyError. */
export interface Notifier {
  readonly name: string;
  send(alert: Alert, signal: AbortSignal): Promise<void>;
}

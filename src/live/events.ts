/**
 * What the live path has to tell an operator, as typed events: a coin whose leverage could not be
 * set (entries on it blocked), a kill-switch flatten that did not fill, a flatten (kill switch or
 * `hlbot ctl`) that left positions open after a tick, a position found with less exchange stop than
 * it holds, an order the exchange rejected or whose outcome is unknown, an order that could not be
 * sent, a position reconciliation adopted or flattened, a live path that cannot start. Each
 * is logged at its severity here; the daemon forwards them (`onLiveEvent`) to whatever alerts —
 * delivery is the alerting system's business, so a sink must never throw into the trading path.
 */
import type { Clock } from "../core/clock.ts";
import { log } from "../log.ts";

export type LiveEventKind =
  | "live_start_failed"
  | "leverage_failed"
  | "leverage_set"
  | "kill_flatten_unfilled"
  | "flatten_incomplete"
  | "unprotected_position"
  | "order_rejected"
  | "order_unknown"
  | "order_failed"
  | "reconcile_adopted"
  | "reconcile_flattened";

export type LiveEventSeverity = "info" | "warning" | "critical";

export interface LiveEvent {
  t: number;
  kind: LiveEventKind;
  severity: LiveEventSeverity;
  /** One line a human reads (never a secret). */
  message: string;
  coin?: string;
  positionId?: number;
  /** The event's figures (never a secret): e.g. `{role: "entry", cloid}`, `{leverage: 5}`. */
  details?: Record<string, string | number | boolean | null>;
}

export type LiveEventSink = (event: LiveEvent) => void;

export class LiveEvents {
  constructor(
    private readonly clock: Clock,
    private readonly sink: LiveEventSink | null = null,
  ) {}

  emit(
    kind: LiveEventKind,
    severity: LiveEventSeverity,
    message: string,
    about: Pick<LiveEvent, "coin" | "positionId" | "details"> = {},
  ): void {
    const event: LiveEvent = { t: this.clock.now(), kind, severity, message, ...about };
    const l = log.withTag("live");
    if (severity === "critical") l.error(message, { event: kind });
    else if (severity === "warning") l.warn(message, { event: kind });
    else l.info(message, { event: kind });
    try {
      this.sink?.(event);
    } catch (error) {
      l.warn(`live event sink failed on ${kind}`, error);
    }
  }
}

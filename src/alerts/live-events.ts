/**
 * The live path's events (src/live/events.ts) as alerts — the ONE place where they are mapped, so the
 * trading code only reports what happened and never knows about notifiers. The daemon hands every
 * live event to `alertLiveEvent` (DaemonDeps.onLiveEvent); the alert keeps the event's severity (the
 * live path knows how serious it is), its kind's throttle applies per coin.
 */
import type { LiveEvent } from "../live/events.ts";
import type { AlertEvent } from "./alert.ts";
import { emitAlert } from "./bus.ts";
import { alertEvents } from "./events.ts";

const text = (v: unknown, fallback = ""): string =>
  typeof v === "string" ? v : v === undefined || v === null ? fallback : String(v);

/** The alert a live event raises, or null for one that is not an operator's business (or told otherwise). */
export function liveEventAlert(e: LiveEvent): AlertEvent | null {
  const d = e.details ?? {};
  const coin = e.coin ?? "?";
  const event = ((): AlertEvent | null => {
    switch (e.kind) {
      case "live_start_failed":
        return alertEvents.liveStartFailed({ message: e.message });
      case "leverage_failed":
        return alertEvents.leverageFailed({
          coin,
          leverage: typeof d.leverage === "number" ? d.leverage : 0,
          message: text(d.reason, e.message),
        });
      case "leverage_set":
        return alertEvents.leverageSet({ coin, message: e.message });
      case "flatten_incomplete":
        return alertEvents.flattenIncomplete({
          coins: text(d.coins, coin).split(","),
          attempts: typeof d.attempts === "number" ? d.attempts : 1,
          why: text(d.why, "flatten"),
        });
      case "unprotected_position":
        return alertEvents.unprotectedPosition({ coin, positionId: e.positionId ?? 0, detail: e.message });
      case "order_rejected":
        return alertEvents.orderRejected({
          coin,
          role: text(d.role, "order"),
          message: text(d.message, e.message),
        });
      case "order_unknown":
        return alertEvents.orderUnknown({ coin, role: text(d.role, "order"), cloid: text(d.cloid) });
      case "order_failed":
        return alertEvents.orderFailed({ coin, message: e.message });
      case "reconcile_adopted":
        return {
          ...alertEvents.reconcileAdopted({
            coin,
            positionId: e.positionId ?? 0,
            size: text(d.size),
            stopPx: typeof d.stopPx === "number" ? d.stopPx : 0,
          }),
          text: e.message,
        };
      case "reconcile_flattened":
        return alertEvents.reconcileFlattened({ coin, size: text(d.size) });
      // Each unfilled kill-switch IOC: the daemon's flatten_incomplete (after the tick, counting the
      // attempts, for `hlbot ctl flatten` too) reports the flatten as a whole.
      case "kill_flatten_unfilled":
        return null;
    }
  })();
  return event && { ...event, severity: e.severity };
}

/** DaemonDeps.onLiveEvent for a daemon with alerts: the event goes to the process-wide alert sink. */
export function alertLiveEvent(e: LiveEvent): void {
  const alert = liveEventAlert(e);
  if (alert) emitAlert(alert);
}

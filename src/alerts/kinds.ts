/**
 * The catalogue of alert events: each kind's default severity and throttle (the shortest spacing of
 * two alerts of the same kind and key; 0 = every one is sent). Config may override the throttle.
 */
import type { Severity } from "../config/sections/alerts.ts";

export interface KindSpec {
  severity: Severity;
  throttleSeconds: number;
}

export const ALERT_KINDS = {
  daemon_start: { severity: "info", throttleSeconds: 0 },
  daemon_stop: { severity: "warning", throttleSeconds: 0 },
  kill_switch: { severity: "critical", throttleSeconds: 0 },
  /** The kill switch (or `hlbot ctl flatten`) could not close every live position this tick. */
  flatten_incomplete: { severity: "critical", throttleSeconds: 300 },
  daily_halt: { severity: "warning", throttleSeconds: 0 },
  /** Any other halt recorded in bot_state (e.g. a manual `halt.*` key). */
  halt_started: { severity: "warning", throttleSeconds: 0 },
  halt_lifted: { severity: "info", throttleSeconds: 0 },
  losing_weeks_halt: { severity: "critical", throttleSeconds: 0 },
  feed_down: { severity: "warning", throttleSeconds: 300 },
  feed_up: { severity: "info", throttleSeconds: 300 },
  unprotected_position: { severity: "critical", throttleSeconds: 300 },
  order_rejected: { severity: "warning", throttleSeconds: 60 },
  order_unknown: { severity: "warning", throttleSeconds: 60 },
  leverage_failed: { severity: "warning", throttleSeconds: 300 },
  /** A coin whose leverage had failed is set now: its entries are allowed again. */
  leverage_set: { severity: "info", throttleSeconds: 0 },
  /** `--live` could not start (the exchange unreachable or refusing); shadow ticks, live is retried. */
  live_start_failed: { severity: "warning", throttleSeconds: 900 },
  reconcile_adopted: { severity: "warning", throttleSeconds: 0 },
  reconcile_flattened: { severity: "warning", throttleSeconds: 0 },
  bucket_promoted: { severity: "info", throttleSeconds: 0 },
  bucket_demoted: { severity: "warning", throttleSeconds: 0 },
  daily_summary: { severity: "info", throttleSeconds: 0 },
  control_action: { severity: "info", throttleSeconds: 0 },
  test: { severity: "info", throttleSeconds: 0 },
} as const satisfies Record<string, KindSpec>;

export type AlertKind = keyof typeof ALERT_KINDS;

export function isAlertKind(name: string): name is AlertKind {
  return Object.hasOwn(ALERT_KINDS, name);
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function atLeast(severity: Severity, min: Severity): boolean {
  return RANK[severity] >= RANK[min];
}

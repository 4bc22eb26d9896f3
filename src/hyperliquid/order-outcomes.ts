/**
 * Turns the exchange's per-item `statuses` into one typed outcome per order/cancel sent, in order.
 * A single error answering a multi-item batch is a pre-validation failure of the whole batch; a
 * missing status is "unknown" (query orderStatus by cloid before acting again).
 */
import type { ItemStatus } from "./schemas/exchange.ts";

export type OrderOutcome = { cloid?: string | undefined } & (
  | { status: "resting"; oid: number }
  | { status: "filled"; oid: number; totalSz: string; avgPx: string }
  | { status: "waitingForFill" | "waitingForTrigger" }
  /** The exchange refused this order; `message` is its text, verbatim. */
  | { status: "error"; message: string }
  /** No status came back for this order: query orderStatus by cloid before acting again. */
  | { status: "unknown" }
);

export type CancelOutcome =
  | { status: "success" }
  | { status: "error"; message: string }
  | { status: "unknown" };

/** A single error for a multi-item batch is a pre-validation failure of the whole batch. */
function batchError(statuses: ItemStatus[], count: number): string | undefined {
  const only = statuses[0];
  return statuses.length === 1 && count > 1 && typeof only === "object" && "error" in only
    ? only.error
    : undefined;
}

export function orderOutcome(statuses: ItemStatus[], i: number, count: number): OrderOutcome {
  const whole = batchError(statuses, count);
  if (whole !== undefined) return { status: "error", message: whole };
  const s = statuses[i];
  if (s === undefined || s === "success") return { status: "unknown" };
  if (s === "waitingForFill" || s === "waitingForTrigger") return { status: s };
  if ("error" in s) return { status: "error", message: s.error };
  if ("resting" in s) return { status: "resting", oid: s.resting.oid };
  return { status: "filled", oid: s.filled.oid, totalSz: s.filled.totalSz, avgPx: s.filled.avgPx };
}

export function cancelOutcome(statuses: ItemStatus[], i: number, count: number): CancelOutcome {
  const whole = batchError(statuses, count);
  if (whole !== undefined) return { status: "error", message: whole };
  const s = statuses[i];
  if (s === "success") return { status: "success" };
  if (typeof s === "object" && "error" in s) return { status: "error", message: s.error };
  return { status: "unknown" };
}

/**
 * Sends one order under the crash-safe protocol: the order row (status `intent`, deterministic cloid)
 * is committed first, then the order goes out once; its outcome is written back. A cloid that already
 * has a row is never sent again — an outcome left unknown (timeout, crash) is resolved by cloid in
 * reconciliation, so an order can never be doubled. A rejection or an unknown outcome is raised as a
 * live event (`order_rejected` / `order_unknown`) when the caller passes its LiveEvents.
 */
import type { Clock } from "../core/clock.ts";
import { BotError } from "../core/errors.ts";
import { ExchangeRejectError, InvalidOrderError, TransportError } from "../hyperliquid/errors.ts";
import type { ExchangeClient, OrderRequest } from "../hyperliquid/exchange-client.ts";
import type { OrderOutcome } from "../hyperliquid/order-outcomes.ts";
import type { NewOrder, OrderRole, OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import type { LiveEvents } from "./events.ts";

export type SendResult =
  | { kind: "filled"; size: number; avgPx: number; oid: number }
  | { kind: "resting"; oid: number | null }
  | { kind: "rejected"; message: string }
  | { kind: "unknown" }
  | { kind: "duplicate" };

export interface SendInput {
  role: OrderRole;
  /** For exits: the exit reason, kept with the order so a fill learned later is booked correctly. */
  reason?: string;
  request: OrderRequest & { cloid: string };
  /** The price the order is based on (the tick's price; a stop's trigger): slippage is measured from it. */
  refPx: number;
  decisionId: number | null;
  positionId: number | null;
}

export async function sendOrder(
  exchange: ExchangeClient,
  orders: OrdersRepo,
  clock: Clock,
  input: SendInput,
  events: LiveEvents | null = null,
): Promise<SendResult> {
  const result = await send(exchange, orders, clock, input);
  const r = input.request;
  const about = {
    coin: r.coin,
    ...(input.positionId === null ? {} : { positionId: input.positionId }),
    details: { role: input.role, cloid: r.cloid },
  };
  if (result.kind === "rejected")
    events?.emit(
      "order_rejected",
      "warning",
      `${input.role} order on ${r.coin} rejected: ${result.message}`,
      {
        ...about,
        details: { ...about.details, message: result.message },
      },
    );
  else if (result.kind === "unknown")
    events?.emit(
      "order_unknown",
      "warning",
      `${input.role} order ${r.cloid} on ${r.coin}: outcome unknown; resolved by cloid at the next reconciliation, never resent`,
      about,
    );
  return result;
}

async function send(
  exchange: ExchangeClient,
  orders: OrdersRepo,
  clock: Clock,
  input: SendInput,
): Promise<SendResult> {
  const r = input.request;
  const row: NewOrder = {
    cloid: r.cloid,
    decision_id: input.decisionId,
    position_id: input.positionId,
    coin: r.coin,
    role: input.role,
    reason: input.reason ?? null,
    order_type: "trigger" in r.type ? "trigger" : r.type.limit.tif === "Alo" ? "alo" : "ioc",
    px: String(r.price),
    size: String(r.size),
    trigger_px: "trigger" in r.type ? String(r.type.trigger.triggerPx) : null,
    ref_px: String(input.refPx),
    isBuy: r.isBuy,
    reduceOnly: r.reduceOnly ?? false,
  };
  if (!orders.intent(row, clock.now())) return { kind: "duplicate" };
  let outcome: OrderOutcome;
  try {
    orders.update(r.cloid, "sent", clock.now());
    [outcome] = (await exchange.order([r])) as [OrderOutcome];
  } catch (error) {
    if (error instanceof TransportError && error.outcomeUnknown) {
      orders.update(r.cloid, "unknown", clock.now(), { error: error.message });
      log.warn(`order ${r.cloid} (${input.role} ${r.coin}) outcome unknown: will resolve by cloid`, {
        kind: error.kind,
      });
      return { kind: "unknown" };
    }
    if (
      error instanceof ExchangeRejectError ||
      error instanceof InvalidOrderError ||
      error instanceof TransportError
    ) {
      orders.update(r.cloid, "rejected", clock.now(), { error: error.message });
      return { kind: "rejected", message: error.message };
    }
    if (error instanceof BotError) {
      orders.update(r.cloid, "unknown", clock.now(), { error: error.message });
      return { kind: "unknown" };
    }
    throw error;
  }
  return recordOutcome(orders, clock, r.cloid, outcome);
}

export function recordOutcome(orders: OrdersRepo, clock: Clock, cloid: string, o: OrderOutcome): SendResult {
  const now = clock.now();
  switch (o.status) {
    case "filled":
      orders.update(cloid, "filled", now, { oid: o.oid, filled: o.totalSz, avgPx: o.avgPx });
      return { kind: "filled", size: Number(o.totalSz), avgPx: Number(o.avgPx), oid: o.oid };
    case "resting":
      orders.update(cloid, "resting", now, { oid: o.oid });
      return { kind: "resting", oid: o.oid };
    case "waitingForTrigger":
    case "waitingForFill":
      orders.update(cloid, "resting", now);
      return { kind: "resting", oid: null };
    case "error":
      orders.update(cloid, "rejected", now, { error: o.message });
      return { kind: "rejected", message: o.message };
    default:
      orders.update(cloid, "unknown", now);
      return { kind: "unknown" };
  }
}

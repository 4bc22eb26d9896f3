/**
 * The fake's order entry: validates each order the way Hyperliquid does (lot, tick, $10 minimum,
 * distance from oracle, reduce-only, margin, post-only) with HL's own error strings, then matches
 * IOC/GTC against the book, rests GTC/ALO remainders and trigger orders, and records every order —
 * rejected ones too, with HL's reject status — so orderStatus(cloid) can always answer.
 */
import type { Account } from "./accounts.ts";
import { reduceOnlyRoom, takeLiquidity } from "./matching.ts";
import type { FakeOrder, TriggerSpec } from "./orders.ts";
import type { FakeState } from "./state.ts";
import { assetByIndex, type FakeAsset } from "./universe.ts";
import { checkSize, fmtDec, msgPx, validPrice } from "./wire.ts";

export interface OrderWire {
  a: number;
  b: boolean;
  p: string;
  s: string;
  r: boolean;
  t: { limit: { tif: "Gtc" | "Ioc" | "Alo" } } | { trigger: TriggerSpec };
  c?: string | undefined;
}

export type OrderResult =
  | { resting: { oid: number; cloid?: string } }
  | { filled: { totalSz: string; avgPx: string; oid: number; cloid?: string } }
  | { error: string };

/** Per-order behaviour forced by an injected fault. */
export interface OrderFault {
  /** Share of the size an IOC/GTC may fill now (partial fill). */
  fillFraction?: number;
  /** Reject with this message (the fake appends " asset=N"). */
  rejectMessage?: string;
}

/** Smallest order value, USD; farthest a limit price may be from the oracle. */
const MIN_NOTIONAL = 10;
const MAX_ORACLE_DISTANCE = 0.8;

export function placeOrder(
  state: FakeState,
  account: Account,
  w: OrderWire,
  fault: OrderFault = {},
): OrderResult {
  const now = state.clock.now();
  const asset = assetByIndex(w.a);
  if (!asset || asset.isDelisted) return { error: `Invalid asset ${w.a}.` };
  const cloid = w.c?.toLowerCase();
  if (cloid && state.orders.hasCloid(account.address, cloid))
    return { error: `Duplicate cloid. asset=${w.a}` };
  const trigger = "trigger" in w.t ? w.t.trigger : null;
  const order: FakeOrder = {
    oid: state.orders.newOid(),
    user: account.address,
    coin: asset.name,
    asset: w.a,
    szDecimals: asset.szDecimals,
    isBuy: w.b,
    limitPx: w.p,
    sz: Number(w.s),
    origSz: Number(w.s),
    reduceOnly: w.r,
    tif: "limit" in w.t ? w.t.limit.tif : null,
    trigger,
    timestamp: now,
    status: "open",
    statusTimestamp: now,
    ...(cloid ? { cloid } : {}),
  };
  const reject = (message: string, status: string): OrderResult => {
    order.status = status;
    state.orders.add(order);
    return { error: `${message} asset=${w.a}` };
  };
  const size = checkSize(w.s, asset.szDecimals);
  if (size !== "ok")
    return reject(size === "zero" ? "Order has zero size." : "Order has invalid size.", "rejected");
  if (!validPrice(w.p, asset.szDecimals) || (trigger && !validPrice(trigger.triggerPx, asset.szDecimals))) {
    return reject("Price must be divisible by tick size.", "tickRejected");
  }
  const oracle = state.market.oracle(asset.name, now);
  const px = Number(w.p);
  if (oracle === null)
    return reject("No liquidity available for market order.", "marketOrderNoLiquidityRejected");
  if (Math.abs(px / oracle - 1) > MAX_ORACLE_DISTANCE) {
    return reject("Order price cannot be more than 80% away from the reference price", "oracleRejected");
  }
  if (!w.r && px * order.sz < MIN_NOTIONAL)
    return reject("Order must have minimum value of $10.", "minTradeNtlRejected");
  if (w.r && !trigger && reduceOnlyRoom(account, order) <= 0) {
    return reject("Reduce only order would increase position.", "reduceOnlyRejected");
  }
  if (!w.r && !trigger && marginShort(state, account, asset, order)) {
    return reject("Insufficient margin to place order.", "perpMarginRejected");
  }
  if (fault.rejectMessage) return reject(fault.rejectMessage, "rejected");
  const ids = { oid: order.oid, ...(cloid ? { cloid } : {}) };
  if (trigger || order.tif === "Alo") {
    if (order.tif === "Alo") {
      const book = state.books.get(asset.name, now);
      const bid = book?.bids[0]?.px ?? 0;
      const ask = book?.asks[0]?.px ?? Number.POSITIVE_INFINITY;
      if (w.b ? px >= ask : px <= bid) {
        const bbo = `${msgPx(bid, asset.szDecimals)}@${msgPx(ask, asset.szDecimals)}`;
        return reject(`Post only order would have immediately matched, bbo was ${bbo}.`, "badAloPxRejected");
      }
    }
    state.orders.add(order);
    return { resting: ids };
  }
  state.orders.add(order);
  const fills = takeLiquidity(
    state,
    account,
    order,
    px,
    fault.fillFraction ? { fraction: fault.fillFraction } : {},
  );
  const filled = fills.reduce((s, f) => s + f.sz, 0);
  if (order.tif === "Ioc" && filled === 0) {
    state.orders.setStatus(order, "iocCancelRejected", now);
    return { error: `Order could not immediately match against any resting orders. asset=${w.a}` };
  }
  if (order.sz > 0 && order.tif === "Gtc") return { resting: ids };
  state.orders.setStatus(order, order.sz > 0 ? "canceled" : "filled", now);
  const avgPx = fills.reduce((s, f) => s + f.px * f.sz, 0) / filled;
  return {
    filled: { totalSz: fmtDec(filled, asset.szDecimals), avgPx: fmtDec(avgPx, 8), ...ids },
  };
}

/** True when the account lacks free margin for the part of `order` that adds exposure. */
function marginShort(state: FakeState, account: Account, asset: FakeAsset, order: FakeOrder): boolean {
  const now = state.clock.now();
  const mark = (coin: string) => state.market.mark(coin, now) ?? 0;
  const maxLev = (coin: string) => state.market.asset(coin)?.maxLeverage ?? 1;
  const lev = account.leverageFor(asset.name, asset.maxLeverage).value;
  const opposite = reduceOnlyRoom(account, order);
  // An aggressive IOC is priced well past the mark; margin is taken on what it will really pay.
  const limit = Number(order.limitPx);
  const m = mark(asset.name);
  const refPx = order.isBuy ? Math.min(limit, m * 1.05) : Math.max(limit, m * 0.95);
  const required = (Math.max(0, order.sz - opposite) * refPx) / lev;
  let reserved = 0;
  for (const o of state.orders.open(account.address)) {
    if (o.reduceOnly || o.trigger) continue;
    reserved += (o.sz * Number(o.limitPx)) / account.leverageFor(o.coin, maxLev(o.coin)).value;
  }
  const free = account.accountValue(mark) - account.marginUsed(mark, maxLev) - reserved;
  return required > free + 1e-9;
}

export type CancelResult = "success" | { error: string };

export function cancelOrder(
  state: FakeState,
  account: Account,
  asset: number,
  order: FakeOrder | undefined,
): CancelResult {
  if (!order || order.user !== account.address || order.asset !== asset || order.status !== "open") {
    return { error: `Order was never placed, already canceled, or filled. asset=${asset}` };
  }
  state.orders.setStatus(order, "canceled", state.clock.now());
  return "success";
}

/** `{"type":"default"}` on success, else the whole-action error message. */
export function updateLeverage(
  account: Account,
  asset: number,
  isCross: boolean,
  leverage: number,
): string | null {
  const a = assetByIndex(asset);
  if (!a || a.isDelisted) return `Invalid asset ${asset}.`;
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > a.maxLeverage) {
    return `Invalid leverage value. Max leverage for ${a.name} is ${a.maxLeverage}.`;
  }
  account.leverage.set(a.name, { type: isCross ? "cross" : "isolated", value: leverage });
  return null;
}

/** Minimum lead time and daily count of the dead-man switch. */
const SCHEDULE_MIN_LEAD_MS = 5_000;
const SCHEDULE_MAX_PER_DAY = 10;

/** Sets (or with `time` undefined clears) the dead-man switch; returns an error message or null. */
export function scheduleCancel(state: FakeState, account: Account, time: number | undefined): string | null {
  const now = state.clock.now();
  if (account.volume < state.scheduleCancelMinVolume) {
    return `Cannot set scheduled cancel time until enough volume traded. Required: $${state.scheduleCancelMinVolume}. Traded: $${fmtDec(account.volume, 2)}.`;
  }
  if (time === undefined) {
    account.schedule.time = null;
    return null;
  }
  if (time < now + SCHEDULE_MIN_LEAD_MS)
    return "Scheduled cancel time too early, must be at least 5 seconds from now.";
  const day = Math.floor(now / 86_400_000);
  if (account.schedule.day !== day) account.schedule = { time: account.schedule.time, day, count: 0 };
  if (account.schedule.count >= SCHEDULE_MAX_PER_DAY)
    return "Too many scheduled cancels today; limit is 10 per day.";
  account.schedule.count++;
  account.schedule.time = time;
  return null;
}

/**
 * Execution against the fake book: a taker order walks the levels up to its limit price (one fill
 * per level, partial fills when the book or an injected fault runs out), a resting order fills as
 * maker at its own price, a trigger order fires on the mark and then executes as market (10%
 * slippage cap, like Hyperliquid) or as a limit order that rests.
 */
import type { Account, FillRecord } from "./accounts.ts";
import type { FakeOrder } from "./orders.ts";
import { emitFills, type FakeState, fakeHash, MAKER_FEE, TAKER_FEE } from "./state.ts";
import { assetByName } from "./universe.ts";
import { roundSz } from "./wire.ts";

/** Slippage cap of a market trigger order, fraction of the trigger price. */
const MARKET_TRIGGER_SLIPPAGE = 0.1;

/** Size a reduce-only order may still trade: what is left of the opposite position. */
export function reduceOnlyRoom(account: Account, order: FakeOrder): number {
  const szi = account.positions.get(order.coin)?.szi ?? 0;
  const closes = order.isBuy ? szi < 0 : szi > 0;
  return closes ? Math.abs(szi) : 0;
}

/**
 * Takes liquidity for `order` up to `limit` (at most `fraction` of its remaining size). The book is
 * centred on `center` when given (a trigger executes around its trigger price), else on the mark.
 */
export function takeLiquidity(
  state: FakeState,
  account: Account,
  order: FakeOrder,
  limit: number,
  options: { center?: number; fraction?: number } = {},
): FillRecord[] {
  const now = state.clock.now();
  const book = state.books.get(order.coin, now, options.center);
  if (!book) return [];
  let want = roundSz(order.sz * (options.fraction ?? 1), order.szDecimals);
  if (order.reduceOnly) want = Math.min(want, reduceOnlyRoom(account, order));
  const side = order.isBuy ? "asks" : "bids";
  const fills: FillRecord[] = [];
  for (const level of book[side]) {
    if (want <= 0) break;
    if (order.isBuy ? level.px > limit : level.px < limit) break;
    const q = roundSz(Math.min(want, level.sz), order.szDecimals);
    if (q <= 0) break;
    state.books.take(order.coin, now, side, level.px, q);
    fills.push(fill(state, account, order, level.px, q, true));
    want = roundSz(want - q, order.szDecimals);
  }
  emitFills(state, account.address, fills);
  return fills;
}

/** A resting order the market traded through: filled whole at its price, as maker. */
export function fillResting(state: FakeState, account: Account, order: FakeOrder): void {
  let sz = order.sz;
  if (order.reduceOnly) sz = Math.min(sz, reduceOnlyRoom(account, order));
  if (sz <= 0) {
    state.orders.setStatus(order, "reduceOnlyCanceled", state.clock.now());
    return;
  }
  const f = fill(state, account, order, Number(order.limitPx), sz, false);
  emitFills(state, account.address, [f]);
  state.orders.setStatus(order, "filled", state.clock.now());
}

/** A trigger order whose condition the mark just met: execute it around its trigger price. */
export function fireTrigger(state: FakeState, account: Account, order: FakeOrder): void {
  const now = state.clock.now();
  const trigger = order.trigger!;
  const triggerPx = Number(trigger.triggerPx);
  if (order.reduceOnly && reduceOnlyRoom(account, order) <= 0) {
    state.orders.setStatus(order, "reduceOnlyCanceled", now);
    return;
  }
  order.fired = true;
  state.orders.setStatus(order, "triggered", now);
  const limit = trigger.isMarket
    ? triggerPx * (order.isBuy ? 1 + MARKET_TRIGGER_SLIPPAGE : 1 - MARKET_TRIGGER_SLIPPAGE)
    : Number(order.limitPx);
  takeLiquidity(state, account, order, limit, { center: triggerPx });
  if (order.sz <= 0) state.orders.setStatus(order, "filled", now);
  else if (trigger.isMarket) state.orders.setStatus(order, "canceled", now);
  else state.orders.setStatus(order, "open", now);
}

function fill(
  state: FakeState,
  account: Account,
  order: FakeOrder,
  px: number,
  sz: number,
  crossed: boolean,
): FillRecord {
  const tid = ++state.ids.tid;
  const f = account.applyFill(
    {
      coin: order.coin,
      isBuy: order.isBuy,
      px,
      sz,
      feeRate: crossed ? TAKER_FEE : MAKER_FEE,
      crossed,
      oid: order.oid,
      time: state.clock.now(),
      tid,
      hash: fakeHash(tid),
      ...(order.cloid ? { cloid: order.cloid } : {}),
    },
    assetByName(order.coin)?.szDecimals ?? order.szDecimals,
  );
  order.sz = roundSz(order.sz - sz, order.szDecimals);
  return f;
}

/**
 * Moves the fake clock forward in steps of at most a minute (and always onto each hour boundary),
 * doing per step what the exchange does as time passes: the dead-man switch fires, trigger orders
 * fire when the mark path crosses their price, resting orders fill when the price trades through
 * them, funding is paid on the hour (real hourly rate × oracle), and under-margined accounts are
 * liquidated at the mark.
 */
import { HOUR_MS } from "../core/clock.ts";
import type { Account } from "./accounts.ts";
import { fillResting, fireTrigger } from "./matching.ts";
import { type FakeOrder, triggersAbove } from "./orders.ts";
import { emitFills, emitFunding, type FakeState, fakeHash, TAKER_FEE } from "./state.ts";

/** Longest span checked at once: triggers see the path's extremes over at most this much time. */
const STEP_MS = 60_000;

export function advanceTo(state: FakeState, target: number): void {
  let t = state.clock.now();
  while (t < target) {
    const next = Math.min(target, t + STEP_MS, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS);
    step(state, t, next);
    t = next;
  }
}

function step(state: FakeState, t0: number, t1: number): void {
  state.clock.set(t1);
  for (const account of state.accounts.all()) {
    const due = account.schedule.time;
    if (due !== null && due <= t1) {
      account.schedule.time = null;
      for (const o of state.orders.open(account.address)) state.orders.setStatus(o, "scheduledCancel", t1);
    }
  }
  const extremes = new Map<string, { min: number; max: number } | null>();
  const span = (coin: string) => {
    if (!extremes.has(coin)) extremes.set(coin, state.market.model(coin).extremes(t0, t1));
    return extremes.get(coin) ?? null;
  };
  for (const order of state.orders.open()) {
    const account = state.accounts.get(order.user);
    const ext = span(order.coin);
    if (!account || !ext || order.status !== "open") continue;
    if (order.trigger && !order.fired) {
      if (crossesTrigger(order, ext)) fireTrigger(state, account, order);
    } else {
      const px = Number(order.limitPx);
      // A post-only (ALO) order is a maker entry: it fills only when the price trades strictly
      // through it (a touch is assumed to fill the queue ahead of it), as the simulator assumes.
      const through =
        order.tif === "Alo"
          ? order.isBuy
            ? ext.min < px
            : ext.max > px
          : order.isBuy
            ? ext.min <= px
            : ext.max >= px;
      if (through) fillResting(state, account, order);
    }
  }
  if (t1 % HOUR_MS === 0) payFunding(state, t1);
  for (const account of state.accounts.all()) liquidateIfUnderwater(state, account);
}

function crossesTrigger(order: FakeOrder, ext: { min: number; max: number }): boolean {
  const px = Number(order.trigger!.triggerPx);
  return triggersAbove(order) ? ext.max >= px : ext.min <= px;
}

/** Hourly funding: szi × oracle × rate, longs pay when the rate is positive. */
function payFunding(state: FakeState, hour: number): void {
  for (const account of state.accounts.all()) {
    for (const pos of account.positions.values()) {
      const event = state.market.fundingEvent(pos.coin, hour);
      const oracle = state.market.oracle(pos.coin, hour);
      if (!event || oracle === null) continue;
      const paid = pos.szi * oracle * event.rate;
      account.usdc -= paid;
      pos.cumFunding.allTime += paid;
      pos.cumFunding.sinceOpen += paid;
      pos.cumFunding.sinceChange += paid;
      const record = { time: hour, coin: pos.coin, usdc: -paid, szi: pos.szi, fundingRate: event.rate };
      account.fundings.push(record);
      emitFunding(state, account.address, record);
    }
  }
}

function liquidateIfUnderwater(state: FakeState, account: Account): void {
  if (account.positions.size === 0) return;
  const now = state.clock.now();
  const mark = (coin: string) => state.market.mark(coin, now) ?? 0;
  const maxLev = (coin: string) => state.market.asset(coin)?.maxLeverage ?? 1;
  if (account.accountValue(mark) >= account.maintenance(mark, maxLev)) return;
  for (const o of state.orders.open(account.address)) state.orders.setStatus(o, "liquidatedCanceled", now);
  const fills = [];
  for (const pos of [...account.positions.values()]) {
    const tid = ++state.ids.tid;
    const markPx = mark(pos.coin);
    fills.push(
      account.applyFill(
        {
          coin: pos.coin,
          isBuy: pos.szi < 0,
          px: markPx,
          sz: Math.abs(pos.szi),
          feeRate: TAKER_FEE,
          crossed: true,
          oid: 0,
          time: now,
          tid,
          hash: fakeHash(tid),
          liquidation: { liquidatedUser: account.address, markPx, method: "market" },
        },
        state.market.asset(pos.coin)?.szDecimals ?? 0,
      ),
    );
  }
  emitFills(state, account.address, fills);
}

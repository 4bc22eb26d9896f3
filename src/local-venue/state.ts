/**
 * What every part of the fake shares: the controllable clock, the replayed market, books, accounts,
 * orders, and the listeners that turn exchange events into websocket pushes.
 */
import type { ManualClock } from "../core/clock.ts";
import type { Accounts, FillRecord, FundingRecord } from "./accounts.ts";
import type { Books } from "./book.ts";
import type { Market } from "./market.ts";
import type { FakeOrder, OrderStore } from "./orders.ts";

/** Hyperliquid base-tier perp fees (fractions of notional). */
export const TAKER_FEE = 0.00045;
export const MAKER_FEE = 0.00015;

export interface FakeListeners {
  orderUpdate: ((order: FakeOrder) => void)[];
  fills: ((user: string, fills: FillRecord[]) => void)[];
  funding: ((user: string, funding: FundingRecord) => void)[];
}

export interface FakeState {
  clock: ManualClock;
  market: Market;
  books: Books;
  accounts: Accounts;
  orders: OrderStore;
  listeners: FakeListeners;
  /** Sequence for trade ids and made-up transaction hashes. */
  ids: { tid: number };
  /** Traded volume an account needs before scheduleCancel is accepted (real HL: $1M; 0 = off). */
  scheduleCancelMinVolume: number;
}

export function emitFills(state: FakeState, user: string, fills: FillRecord[]): void {
  if (fills.length > 0) for (const l of state.listeners.fills) l(user, fills);
}

export function emitFunding(state: FakeState, user: string, funding: FundingRecord): void {
  for (const l of state.listeners.funding) l(user, funding);
}

/** A 32-byte hex string standing in for the L1 transaction hash of a fill. */
export function fakeHash(seq: number): string {
  return `0x${seq.toString(16).padStart(64, "0")}`;
}

/**
 * The exchange's own account of one order: its fills (by exchange oid or cloid), what they add up to
 * — size, average price, the fee charged — and the slippage against the price the order was based on.
 * This is how live fees and slippage come from the exchange rather than from config.
 */
import type { InfoClient } from "../hyperliquid/info-client.ts";
import type { Fill } from "../hyperliquid/schemas/account.ts";
import { log } from "../log.ts";
import { type FillTotals, fillTotals } from "./fill-price.ts";

/** How far before an order's creation (our clock) its fills are looked for: clock skew margin. */
const LOOKBACK_MS = 60_000;

export interface OrderRef {
  cloid: string;
  oid: number | null;
  /** When the order was created (ms, our clock). */
  since: number;
}

/** The fills of `order` from the exchange; null when the query failed or shows none yet. */
export async function orderFills(
  info: InfoClient,
  account: string,
  order: OrderRef,
): Promise<(FillTotals & { fills: Fill[] }) | null> {
  try {
    const fills = (await info.userFillsByTime(account, Math.max(0, order.since - LOOKBACK_MS))).filter(
      (f) => (order.oid !== null && f.oid === order.oid) || f.cloid?.toLowerCase() === order.cloid,
    );
    if (fills.length === 0) return null;
    return { ...fillTotals(fills), fills };
  } catch (error) {
    log.warn(`fills of order ${order.cloid} could not be read; its fee is estimated`, error);
    return null;
  }
}

/**
 * Adverse slippage in USDC (positive = paid against the reference, negative = price improvement) of
 * `size` filled at `px` when `refPx` was expected; `opening` for entries (a long pays above the
 * reference), otherwise an exit (a long pays below it). `direction` is +1 long, −1 short.
 */
export function slippageCost(
  px: number,
  refPx: number | null,
  size: number,
  direction: 1 | -1,
  opening: boolean,
): number {
  if (refPx === null || !Number.isFinite(refPx)) return 0;
  return (opening ? px - refPx : refPx - px) * direction * size;
}

/**
 * What a set of exchange fills add up to: the size (exact decimal sum), the size-weighted price and
 * the fees the exchange charged (negative = rebate). Sums run on the fills' decimal strings; only the
 * final price division is floating point.
 */
import { addDecimal, mulDecimal } from "../hyperliquid/decimal.ts";
import type { Fill } from "../hyperliquid/schemas/account.ts";

export interface FillTotals {
  size: number;
  /** Size-weighted average price; null without fills. */
  px: number | null;
  fee: number;
}

export function fillTotals(fills: readonly Pick<Fill, "px" | "sz" | "fee">[]): FillTotals {
  let size = "0";
  let value = "0";
  let fee = "0";
  for (const f of fills) {
    size = addDecimal(size, f.sz);
    value = addDecimal(value, mulDecimal(f.px, f.sz));
    fee = addDecimal(fee, f.fee);
  }
  const total = Number(size);
  return { size: total, px: total > 0 ? Number(value) / total : null, fee: Number(fee) };
}

/** The size-weighted price of a set of exchange fills (null when there are none). */
export function averageFillPx(fills: readonly Pick<Fill, "px" | "sz">[]): number | null {
  return fillTotals(fills.map((f) => ({ ...f, fee: "0" }))).px;
}

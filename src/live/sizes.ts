/**
 * Size arithmetic of the live path on Hyperliquid's decimal strings: filled = ordered − remaining,
 * what the exchange holds against what the ledger or a stop covers, what is left after an exit.
 * Done in floating point, 3.3 − 1.1 is 2.1999999999999997 and a stop floored to the lot grid covers
 * 2.1 of the 2.2 held; here every sum and difference is exact and comes back as the number its
 * decimal string reads. A size given as a number is read through its shortest representation
 * (2.2 → "2.2"); comparing and taking min/max of such numbers is exact already.
 */
import { addDecimal, type DecimalInput, subDecimal } from "../hyperliquid/decimal.ts";

/** a − b, exact. */
export function sizeMinus(a: DecimalInput, b: DecimalInput): number {
  return Number(subDecimal(a, b));
}

/** The sum of sizes, exact. */
export function sizeSum(sizes: readonly DecimalInput[]): number {
  let total = "0";
  for (const s of sizes) total = addDecimal(total, s);
  return Number(total);
}

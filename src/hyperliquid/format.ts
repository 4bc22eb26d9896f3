/**
 * Tick and lot rules for Hyperliquid perps, and the canonical number→wire string (`float_to_wire` of
 * the Python SDK). The node re-serialises numbers canonically before hashing, so a non-canonical
 * string ("100.0") signs a different payload and the signature recovers a random address.
 * All arithmetic is exact (see decimal.ts).
 */
import {
  compareDecimal,
  type DecimalInput,
  formatDecimal,
  magnitude,
  mulDecimal,
  parseDecimal,
  type Rounding,
  roundDec,
  significantDigits,
} from "./decimal.ts";
import { InvalidNumberError, InvalidOrderError } from "./errors.ts";

/** Most fractional digits a wire number may carry (float_to_wire formats with 8 decimals). */
export const WIRE_DECIMALS = 8;
/** float_to_wire refuses a float whose 8-decimal rendering differs from it by this much or more. */
export const WIRE_TOLERANCE = 1e-12;
/** Significant figures allowed in a non-integer price. */
export const PRICE_SIG_FIGS = 5;
/** Price decimals are at most this minus szDecimals (perps: 6, spot: 8). */
export const MAX_PRICE_DECIMALS = { perp: 6, spot: 8 } as const;
/** Smallest order value the exchange accepts, USDC. */
export const MIN_ORDER_NOTIONAL_USD = "10";

export type MarketKind = keyof typeof MAX_PRICE_DECIMALS;

/**
 * Canonical wire string of a number or decimal string: at most 8 decimals (a float that 8 decimals
 * cannot represent within 1e-12 is refused, as is a string with more than 8 decimals), no trailing
 * zeros, "-0" → "0". 100 → "100", 1e-8 → "0.00000001".
 */
export function toWire(value: DecimalInput): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidNumberError(`not a finite number: ${value}`);
    const fixed = value.toFixed(WIRE_DECIMALS);
    if (Math.abs(Number(fixed) - value) >= WIRE_TOLERANCE) {
      throw new InvalidNumberError(
        `${value} cannot be sent without rounding (max ${WIRE_DECIMALS} decimals)`,
      );
    }
    return formatDecimal(parseDecimal(fixed));
  }
  const d = parseDecimal(value);
  if (d.scale > WIRE_DECIMALS) {
    throw new InvalidNumberError(`"${value}" has more than ${WIRE_DECIMALS} decimals`);
  }
  return formatDecimal(d);
}

function maxPriceDecimals(szDecimals: number, market: MarketKind): number {
  return Math.max(0, MAX_PRICE_DECIMALS[market] - szDecimals);
}

/** True when `px` is a positive price the exchange accepts for an asset with `szDecimals`. */
export function isValidPrice(px: DecimalInput, szDecimals: number, market: MarketKind = "perp"): boolean {
  const d = parseDecimal(px);
  if (d.units <= 0n) return false;
  if (d.scale === 0) return true; // any integer price is valid regardless of significant figures
  return d.scale <= maxPriceDecimals(szDecimals, market) && significantDigits(d) <= PRICE_SIG_FIGS;
}

/** True when `sz` is a positive size with at most `szDecimals` decimals. */
export function isValidSize(sz: DecimalInput, szDecimals: number): boolean {
  const d = parseDecimal(sz);
  return d.units > 0n && d.scale <= szDecimals;
}

/**
 * Rounds a price to the exchange's tick rules in one step: at most 5 significant figures and at most
 * (6 − szDecimals) decimals; ≥ 100000 becomes an integer. `rounding`: "floor" for a buy that must not
 * pay more, "ceil" for a sell that must not get less, "nearest" otherwise.
 */
export function formatPrice(
  px: DecimalInput,
  szDecimals: number,
  rounding: Rounding = "nearest",
  market: MarketKind = "perp",
): string {
  const d = parseDecimal(px);
  if (d.units <= 0n) throw new InvalidOrderError(`price must be positive, got ${formatDecimal(d)}`);
  const decimals = Math.max(
    0,
    Math.min(maxPriceDecimals(szDecimals, market), PRICE_SIG_FIGS - 1 - magnitude(d)),
  );
  const rounded = roundDec(d, decimals, rounding);
  if (rounded.units <= 0n) throw new InvalidOrderError(`price ${formatDecimal(d)} rounds to zero`);
  return formatDecimal(rounded);
}

/** Truncates a size DOWN to `szDecimals` decimals (never sends more than asked). */
export function formatSize(sz: DecimalInput, szDecimals: number): string {
  const d = parseDecimal(sz);
  if (d.units <= 0n) throw new InvalidOrderError(`size must be positive, got ${formatDecimal(d)}`);
  const rounded = roundDec(d, szDecimals, "floor");
  if (rounded.units === 0n) {
    throw new InvalidOrderError(`size ${formatDecimal(d)} is below the lot size (${szDecimals} decimals)`);
  }
  return formatDecimal(rounded);
}

/** Exact order value px × sz as a decimal string. */
export function notional(px: DecimalInput, sz: DecimalInput): string {
  return mulDecimal(px, sz);
}

/** True when px × sz reaches the exchange minimum ($10). */
export function meetsMinNotional(
  px: DecimalInput,
  sz: DecimalInput,
  minUsd: DecimalInput = MIN_ORDER_NOTIONAL_USD,
): boolean {
  return compareDecimal(notional(px, sz), minUsd) >= 0;
}

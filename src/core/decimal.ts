/**
 * Decimal-safe rounding for sizes and money: scale, correct float noise (x.9999999 → x+1) by rounding
 * the scaled value to 9 significant places first, then floor/round. Used for lot sizes and cents.
 */
function scaled(x: number, decimals: number): number {
  return Number((x * 10 ** decimals).toPrecision(15));
}

/** Largest multiple of 10^-decimals that is ≤ x (sizes are always rounded down). */
export function floorToDecimals(x: number, decimals: number): number {
  return Math.floor(scaled(x, decimals)) / 10 ** decimals;
}

/** Nearest multiple of 10^-decimals, half away from zero. */
export function roundToDecimals(x: number, decimals: number): number {
  const s = scaled(x, decimals);
  return (Math.sign(s) * Math.round(Math.abs(s))) / 10 ** decimals;
}

/** USDC amounts are reported and compared to the cent. */
export function cents(x: number): number {
  return roundToDecimals(x, 2);
}

/**
 * Decimal-safe rounding for sizes and money: scale, correct float noise (x.9999999999999 → x+1) by
 * rounding the scaled value to 15 significant digits first, then floor/round. Used for lot sizes,
 * prices and cents.
 */
function scaled(x: number, decimals: number): number {
  const s = x * 10 ** decimals;
  // Rounding to 15 significant digits moves s by at most 5e-15·|s|, so it can change a floor or a
  // half-away round only when s lies that close to a multiple of ½. Only those values pay for
  // toPrecision (~1 µs, most of the cost of sizing a trade); the others floor/round identically.
  const twice = 2 * s;
  const off = Math.abs(twice - Math.round(twice));
  // Exactly on a multiple of ½ (lot sizes, halves of them) with at most 15 digits: toPrecision(15)
  // would give s back.
  if (off === 0 && Math.abs(s) < 1e14) return s;
  return off <= 2e-14 * Math.abs(s) ? Number(s.toPrecision(15)) : s;
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

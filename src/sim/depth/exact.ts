/**
 * Exact arithmetic on parsed decimals (`Dec`, bigint units over 10^scale) for the book walk's hot
 * loop: a level is parsed once and summed, multiplied and compared without a round trip through text.
 */
import { type Dec, type DecimalInput, formatDecimal, parseDecimal } from "../../hyperliquid/decimal.ts";

export const ZERO: Dec = { units: 0n, scale: 0 };

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal; plain text such as "42727.0" or "0.02265" (what books carry) takes a fast path
 * that keeps trailing zeros in the scale (harmless: every operation here aligns scales). Anything
 * else (signs, exponents) goes through the strict parser.
 */
export function parse(input: DecimalInput): Dec {
  const text = typeof input === "number" ? String(input) : input;
  const m = PLAIN.exec(text);
  if (!m) return parseDecimal(input);
  const frac = m[2] ?? "";
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

function aligned(a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.units, b.units, a.scale];
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Dec, b: Dec): Dec {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function sub(a: Dec, b: Dec): Dec {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function mul(a: Dec, b: Dec): Dec {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a / 2, exact: ×5 one decimal further. */
export function half(a: Dec): Dec {
  return { units: a.units * 5n, scale: a.scale + 1 };
}

export function cmp(a: Dec, b: Dec): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function min(a: Dec, b: Dec): Dec {
  return cmp(a, b) <= 0 ? a : b;
}

export function isPositive(a: Dec): boolean {
  return a.units > 0n;
}

/** The nearest float (the deliberate exit from exact values, for bps and reports). */
export function toNumber(a: Dec): number {
  return a.scale === 0 ? Number(a.units) : Number(`${a.units}e-${a.scale}`);
}

/** Canonical decimal text (no trailing zeros). */
export function toText(a: Dec): string {
  return formatDecimal(a);
}

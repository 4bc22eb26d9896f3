/**
 * Exact decimal arithmetic on strings (bigint inside). Hyperliquid prices, sizes and money travel as
 * decimal strings; we keep them exact until a caller converts deliberately with `decimalToNumber`,
 * so no float garbage (0.30000000000000004) can reach a signed payload or the ledger.
 */
import { InvalidNumberError } from "./errors.ts";

/** A decimal value: `units / 10^scale`, scale ≥ 0. */
export interface Dec {
  readonly units: bigint;
  readonly scale: number;
}

export type DecimalInput = string | number;

export type Rounding = "floor" | "ceil" | "nearest";

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string (exponent notation allowed) or a finite number (its shortest repr). */
export function parseDecimal(input: DecimalInput): Dec {
  if (typeof input === "number" && !Number.isFinite(input)) {
    throw new InvalidNumberError(`not a finite number: ${input}`);
  }
  const text = typeof input === "number" ? String(input) : input.trim();
  const m = DECIMAL_RE.exec(text);
  const intPart = m?.[2] ?? "";
  const fracPart = m?.[3] ?? "";
  if (!m || (intPart === "" && fracPart === "")) throw new InvalidNumberError(`not a decimal: "${text}"`);
  const exp = m[4] ? Number.parseInt(m[4], 10) : 0;
  let units = BigInt(`${intPart}${fracPart}` || "0");
  let scale = fracPart.length - exp;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (m[1] === "-") units = -units;
  return normalize({ units, scale });
}

/** Strips trailing zeros so every value has one representation. */
function normalize(d: Dec): Dec {
  let { units, scale } = d;
  if (units === 0n) return { units: 0n, scale: 0 };
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return { units, scale };
}

/** Canonical plain string: no exponent, no trailing zeros, no trailing ".", never "-0". */
export function formatDecimal(d: Dec): string {
  const n = normalize(d);
  const negative = n.units < 0n;
  const digits = (negative ? -n.units : n.units).toString();
  if (n.scale === 0) return `${negative ? "-" : ""}${digits}`;
  const padded = digits.padStart(n.scale + 1, "0");
  const cut = padded.length - n.scale;
  return `${negative ? "-" : ""}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/** Canonical string of any decimal input, e.g. "100.0" → "100", 1e-7 → "0.0000001". */
export function canonicalDecimal(input: DecimalInput): string {
  return formatDecimal(parseDecimal(input));
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function compareDecimal(a: DecimalInput, b: DecimalInput): -1 | 0 | 1 {
  const [x, y] = align(parseDecimal(a), parseDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDecimal(a: DecimalInput, b: DecimalInput): string {
  const [x, y, scale] = align(parseDecimal(a), parseDecimal(b));
  return formatDecimal({ units: x + y, scale });
}

export function subDecimal(a: DecimalInput, b: DecimalInput): string {
  const [x, y, scale] = align(parseDecimal(a), parseDecimal(b));
  return formatDecimal({ units: x - y, scale });
}

export function mulDecimal(a: DecimalInput, b: DecimalInput): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return formatDecimal({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** Rounds to at most `decimals` fractional digits. "nearest" rounds halves away from zero. */
export function roundDec(d: Dec, decimals: number, mode: Rounding): Dec {
  if (d.scale <= decimals) return d;
  const divisor = 10n ** BigInt(d.scale - decimals);
  let q = d.units / divisor; // truncates toward zero
  const r = d.units % divisor;
  if (r !== 0n) {
    const positive = d.units > 0n;
    if (mode === "floor" && !positive) q -= 1n;
    else if (mode === "ceil" && positive) q += 1n;
    else if (mode === "nearest" && (r < 0n ? -r : r) * 2n >= divisor) q += positive ? 1n : -1n;
  }
  return normalize({ units: q, scale: decimals });
}

/** floor(log10(|d|)) for d ≠ 0: 0 for 1..9.99, -3 for 0.00123, 4 for 12345. */
export function magnitude(d: Dec): number {
  const digits = (d.units < 0n ? -d.units : d.units).toString().length;
  return digits - 1 - d.scale;
}

/** Number of significant digits of a canonical value (trailing zeros of integers count as not significant). */
export function significantDigits(d: Dec): number {
  let units = d.units < 0n ? -d.units : d.units;
  if (units === 0n) return 0;
  while (units % 10n === 0n) units /= 10n;
  return units.toString().length;
}

/** The deliberate exit from exact decimals to a float (for indicators and display, never for the wire). */
export function decimalToNumber(input: DecimalInput): number {
  return Number(canonicalDecimal(input));
}

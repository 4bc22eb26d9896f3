/**
 * Numbers on the fake's wire: Hyperliquid's tick and lot rules checked on the exact strings a client
 * sends (never on floats), and decimal strings out the way Hyperliquid writes them: no exponent
 * notation, no trailing zeros, but always a decimal point — an integer is "104022.0", zero "0.0"
 * (recorded answers: tests/fixtures/hyperliquid/recorded/). A client that copies such a string
 * into a signed action without canonicalising it fails here as it would on Hyperliquid.
 */

/** Significant figures allowed in a non-integer perp price. */
const PRICE_SIG_FIGS = 5;
/** Perp prices carry at most this many decimals minus szDecimals. */
const PERP_PRICE_DECIMALS = 6;

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/** Hyperliquid's decimal string with at most `decimals` fractional digits ("12.5", "3.0", "0.0"). */
export function fmtDec(x: number, decimals = 8): string {
  if (!Number.isFinite(x)) throw new Error(`fake-hl: not a finite number ${x}`);
  let s = x.toFixed(decimals);
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (s === "-0") s = "0";
  return s.includes(".") ? s : `${s}.0`;
}

/** Shortest round-trip decimal form of a float, never in exponent notation ("1e-05" → "0.00001", 3 → "3.0"). */
export function plain(x: number): string {
  const s = String(x);
  const e = s.indexOf("e");
  if (e === -1) return s.includes(".") ? s : fmtDec(x, 0);
  const mantissa = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  const mantissaDecimals = mantissa.includes(".") ? mantissa.length - mantissa.indexOf(".") - 1 : 0;
  return fmtDec(x, Math.min(100, Math.max(0, mantissaDecimals - exp)));
}

/** A client's decimal string as Hyperliquid echoes it back ("95000" → "95000.0", "1.50" → "1.5"). */
export function hlDecimal(s: string): string {
  const m = /^(-?\d+)(?:\.(\d*?)0*)?$/.exec(s);
  if (!m) return s;
  const int = m[1]!.replace(/^(-?)0+(?=\d)/, "$1");
  const frac = m[2] ?? "";
  return `${int === "-0" && frac === "" ? "0" : int}.${frac === "" ? "0" : frac}`;
}

/** Money fields: up to 6 decimals ("0.0", "12.5"). */
export function fmtUsd(x: number, decimals = 6): string {
  return fmtDec(x, decimals);
}

/** Smallest price step for a perp at price `px`: 5 significant figures, ≤ 6 − szDecimals decimals, integers always valid. */
export function tickSize(px: number, szDecimals: number): number {
  const sigTick = 10 ** (Math.floor(Math.log10(Math.max(px, 1e-12))) - (PRICE_SIG_FIGS - 1));
  const decTick = 10 ** -(PERP_PRICE_DECIMALS - szDecimals);
  return Math.min(1, Math.max(sigTick, decTick));
}

export function tickDecimals(tick: number): number {
  return Math.max(0, Math.round(-Math.log10(tick)));
}

/** Rounds a price to its tick (down for bids, up for asks, nearest otherwise). */
export function roundPx(px: number, tick: number, mode: "down" | "up" | "nearest" = "nearest"): number {
  const q = Number((px / tick).toPrecision(12));
  const k = mode === "down" ? Math.floor(q) : mode === "up" ? Math.ceil(q) : Math.round(q);
  return Number((k * tick).toFixed(tickDecimals(tick)));
}

export function fmtPx(px: number, szDecimals: number): string {
  return fmtDec(px, tickDecimals(tickSize(px, szDecimals)));
}

/** A price inside an error message, where Hyperliquid writes integers bare ("bbo was 66621@66642"). */
export function msgPx(px: number, szDecimals: number): string {
  return fmtPx(px, szDecimals).replace(/\.0$/, "");
}

export function fmtSz(sz: number, szDecimals: number): string {
  return fmtDec(sz, szDecimals);
}

/** Rounds a size to the lot (size decimals), removing float noise. */
export function roundSz(sz: number, szDecimals: number): number {
  return Number(sz.toFixed(szDecimals));
}

/** Is `px` (wire string) a price Hyperliquid accepts for a perp with `szDecimals`? */
export function validPrice(px: string, szDecimals: number): boolean {
  const m = DECIMAL_RE.exec(px);
  if (!m || Number(px) <= 0) return false;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac === "") return true;
  if (frac.length > PERP_PRICE_DECIMALS - szDecimals) return false;
  const digits = `${m[1]!.replace(/^0+/, "")}${frac}`.replace(/^0+/, "");
  return digits.length <= PRICE_SIG_FIGS;
}

export type SizeCheck = "ok" | "invalid" | "zero";

export function checkSize(sz: string, szDecimals: number): SizeCheck {
  const m = DECIMAL_RE.exec(sz);
  if (!m) return "invalid";
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > szDecimals) return "invalid";
  return Number(sz) === 0 ? "zero" : "ok";
}

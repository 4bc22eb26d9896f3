/**
 * Number and JSON helpers for responses. Ledger money is REAL; sums are done by SQLite and only
 * rounded here for display (USDC has 6 decimals, R and ratios keep 4), so nothing is re-added after
 * rounding.
 */

/** USDC amount rounded to the token's 6 decimals. */
export function usd(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6;
}

/** A ratio or R multiple rounded to 4 decimals. */
export function ratio(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 1e4) / 1e4;
}

/** Parses a JSON column written by hlbot; a damaged value is shown as null rather than failing the page. */
export function jsonColumn(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** ISO-8601 text for a ms timestamp (null stays null). */
export function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

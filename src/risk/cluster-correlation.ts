/**
 * Return correlations of the basket over a trailing window, from bars CLOSED by the window's end:
 * each coin's close-to-close log returns on a common time grid (a missing bar leaves a hole, never
 * an interpolated value), then Pearson correlations over the grid slots both coins fill.
 */
import { lastAtOrBefore } from "../sim/depth/at-or-before.ts";

export interface CloseSeries {
  /** Bar open times, ascending. */
  t: ArrayLike<number>;
  close: ArrayLike<number>;
}

/**
 * The log returns of the `windowBars` bars of length `barMs` closed by `end`, on the epoch-aligned bar
 * grid (Hyperliquid bars open at multiples of their length): slot k holds the return of the bar that
 * opened at e − (windowBars − k)·barMs, e = ⌊end / barMs⌋·barMs (NaN if that bar or the one before
 * it is missing).
 */
export function returnsGrid(cols: CloseSeries, barMs: number, end: number, windowBars: number): Float64Array {
  const grid = new Float64Array(windowBars).fill(Number.NaN);
  const aligned = Math.floor(end / barMs) * barMs;
  const firstOpen = aligned - windowBars * barMs;
  let i = lastAtOrBefore(cols.t, aligned - barMs);
  for (; i >= 1 && cols.t[i]! >= firstOpen; i--) {
    if (cols.t[i]! - cols.t[i - 1]! !== barMs) continue;
    const k = (cols.t[i]! - firstOpen) / barMs;
    if (Number.isInteger(k)) grid[k] = Math.log(cols.close[i]! / cols.close[i - 1]!);
  }
  return grid;
}

/** Pearson correlation over the slots both grids fill; NaN with fewer than `minOverlap` or no variance. */
export function pairCorrelation(a: Float64Array, b: Float64Array, minOverlap: number): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]!) || Number.isNaN(b[k]!)) continue;
    n++;
    sa += a[k]!;
    sb += b[k]!;
  }
  if (n < Math.max(3, minOverlap)) return Number.NaN;
  const ma = sa / n;
  const mb = sb / n;
  let cab = 0;
  let caa = 0;
  let cbb = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]!) || Number.isNaN(b[k]!)) continue;
    const da = a[k]! - ma;
    const db = b[k]! - mb;
    cab += da * db;
    caa += da * da;
    cbb += db * db;
  }
  return caa > 0 && cbb > 0 ? Math.max(-1, Math.min(1, cab / Math.sqrt(caa * cbb))) : Number.NaN;
}

/** The symmetric matrix of pair correlations (1 on the diagonal; NaN where not measurable). */
export function correlationMatrix(grids: readonly Float64Array[], minOverlap: number): number[][] {
  const n = grids.length;
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const r = pairCorrelation(grids[i]!, grids[j]!, minOverlap);
      m[i]![j] = r;
      m[j]![i] = r;
    }
  }
  return m;
}

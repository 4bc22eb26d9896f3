/**
 * Stationary-bootstrap resampling of indices (Politis & Romano 1994) for statistics of
 * time-ordered, dependent samples — the scheme the mining gate uses (src/mining/bootstrap.ts): blocks
 * start at uniform positions of the circular series and have geometric lengths with mean
 * L = max(1, n^(1/3)), so serial dependence within a block survives the resampling.
 */
import type { Random } from "../mining/rng.ts";

export function meanBlockLength(n: number): number {
  return Math.max(1, Math.cbrt(n));
}

/** Fills `out` (length n) with one stationary-bootstrap resample of the indices 0..n−1. */
export function stationaryIndices(
  out: Int32Array,
  rand: Random,
  meanBlock = meanBlockLength(out.length),
): void {
  const n = out.length;
  const keep = meanBlock > 1 ? 1 - 1 / meanBlock : 0;
  let filled = 0;
  while (filled < n) {
    let i = Math.floor(rand() * n);
    out[filled++] = i;
    while (filled < n && rand() < keep) {
      i = i + 1 === n ? 0 : i + 1;
      out[filled++] = i;
    }
  }
}

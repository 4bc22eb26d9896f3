/**
 * The no-lookahead lookup every recorded series needs: the last sample at or before t (binary search
 * over ascending times), optionally no older than a maximum age.
 */

/** Index of the last element of ascending `times` that is ≤ t, or −1. */
export function lastAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The last row with `row.t ≤ t` and `t − row.t ≤ maxAgeMs`, or null. Rows must be sorted by t. */
export function rowAtOrBefore<R extends { t: number }>(
  rows: readonly R[],
  t: number,
  maxAgeMs = Number.POSITIVE_INFINITY,
): R | null {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.t <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const row = found >= 0 ? rows[found]! : null;
  return row && t - row.t <= maxAgeMs ? row : null;
}

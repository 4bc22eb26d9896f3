/** Spearman rank correlation: Pearson correlation of average ranks (ties share their mean rank). */
import { StatsInputError } from "../mining/stats-input-error.ts";

/** Ranks 1..n of `x`, ties given the average of the ranks they span. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]!]! === x[order[i]!]!) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * The tie groups of `x` in ascending order (group 0 = smallest value): resamples of x can then be
 * ranked by counting (`ranksOf`), in O(n) per resample instead of a sort.
 */
export function tieGroups(x: ArrayLike<number>): { group: Int32Array; count: number } {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const group = new Int32Array(n);
  let g = -1;
  for (let k = 0; k < n; k++) {
    if (k === 0 || x[order[k]!]! !== x[order[k - 1]!]!) g++;
    group[order[k]!] = g;
  }
  return { group, count: g + 1 };
}

/**
 * Average ranks of the resample `idx` (indices into the original sample with tie groups `group`):
 * an element of group g ranks after every element of lower groups and in the middle of its own.
 * `counts` is scratch of length ≥ the number of groups.
 */
export function ranksOf(idx: Int32Array, group: Int32Array, counts: Float64Array, out: Float64Array): void {
  counts.fill(0);
  for (let i = 0; i < idx.length; i++) counts[group[idx[i]!]!]!++;
  let below = 0;
  for (let g = 0; g < counts.length; g++) {
    const c = counts[g]!;
    counts[g] = below + (c + 1) / 2;
    below += c;
  }
  for (let i = 0; i < idx.length; i++) out[i] = counts[group[idx[i]!]!]!;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Number.NaN;
}

/** Spearman's ρ of paired samples; NaN with fewer than 3 pairs or a constant side. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new StatsInputError("y", `${y.length} values for ${x.length} in x`);
  if (x.length < 3) return Number.NaN;
  return pearson(averageRanks(x), averageRanks(y));
}

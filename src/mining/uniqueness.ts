/**
 * Overlap between a bucket's trades (López de Prado, AFML ch. 4): c(t) is the number of the bucket's
 * observations open at time t, an observation's average uniqueness ū_i is the mean of 1/c(t) over its
 * life [open, close), and n_eff = Σ ū_i. Non-overlapping trades have ū = 1, so n_eff = n. The ū_i are
 * also the observations' weights in the bucket's moments.
 *
 * One sweep over the sorted entry and exit times accumulates F(t) = ∫ 1/c; ū_i = ΔF/Δt over the trade.
 * Samples arrive sorted by exit (and nearly always by entry), which makes the sweep linear.
 */
import { nearSortedOrder } from "./near-sorted.ts";

function isSorted(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i]! < a[i - 1]!) return false;
  return true;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `a` sorted ascending, and where each a[k] went (null: a was sorted, or too shuffled for the
 * insertion sort — then positions are found by binary search).
 */
function sortedWithRank(a: Float64Array): [Float64Array, Int32Array | null] {
  if (isSorted(a)) return [a, null];
  const order = nearSortedOrder(a);
  if (order === null) return [Float64Array.from(a).sort(), null];
  const sorted = new Float64Array(a.length);
  const rank = new Int32Array(a.length);
  for (let i = 0; i < order.length; i++) {
    sorted[i] = a[order[i]!]!;
    rank[order[i]!] = i;
  }
  return [sorted, rank];
}

/**
 * Working arrays reused from call to call (a mining run calls this once per bucket): four fresh
 * arrays per bucket were a third of the function's time, most of it the kernel zeroing new pages.
 */
class Scratch {
  private buffers: Float64Array[] = [];

  /** Four arrays of length n, contents undefined. */
  take(n: number): [Float64Array, Float64Array, Float64Array, Float64Array] {
    if ((this.buffers[0]?.length ?? -1) < n) {
      const size = Math.max(n, 2 * (this.buffers[0]?.length ?? 0));
      this.buffers = [0, 1, 2, 3].map(() => new Float64Array(size));
    }
    const [a, b, c, d] = this.buffers.map((x) => x.subarray(0, n));
    return [a!, b!, c!, d!];
  }
}
const scratch = new Scratch();

/** Average uniqueness of each interval; intervals shorter than 1 ms count as 1 ms long. */
export function averageUniqueness(openedAt: ArrayLike<number>, closedAt: ArrayLike<number>): Float64Array {
  const n = openedAt.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const [open, close, fOpen, fClose] = scratch.take(n);
  let disjoint = true;
  for (let i = 0; i < n; i++) {
    open[i] = openedAt[i]!;
    close[i] = Math.max(closedAt[i]!, openedAt[i]! + 1);
    if (i > 0 && open[i]! < close[i - 1]!) disjoint = false;
  }
  // Each trade starting after the previous exit: all disjoint, all fully unique.
  if (disjoint) return out.fill(1);

  const [openSorted, openRank] = sortedWithRank(open);
  const [closeSorted, closeRank] = sortedWithRank(close);
  let i = 0;
  let j = 0;
  let c = 0;
  let f = 0;
  let t = Math.min(openSorted[0]!, closeSorted[0]!);
  while (i < n || j < n) {
    const next = Math.min(
      i < n ? openSorted[i]! : Number.POSITIVE_INFINITY,
      j < n ? closeSorted[j]! : Number.POSITIVE_INFINITY,
    );
    if (c > 0) f += (next - t) / c;
    t = next;
    while (j < n && closeSorted[j] === t) {
      fClose[j++] = f;
      c--;
    }
    while (i < n && openSorted[i] === t) {
      fOpen[i++] = f;
      c++;
    }
  }
  for (let k = 0; k < n; k++) {
    // Equal times share one F value, so any position of an equal value reads the same F.
    const a = openRank ? openRank[k]! : openSorted === open ? k : lowerBound(openSorted, open[k]!);
    const b = closeRank ? closeRank[k]! : closeSorted === close ? k : lowerBound(closeSorted, close[k]!);
    out[k] = (fClose[b]! - fOpen[a]!) / (close[k]! - open[k]!);
  }
  return out;
}

/**
 * Sorting for the nearly sorted arrays mining meets everywhere: a bucket's trades come in ledger
 * (entry) order, so their exits — and, once sorted by exit, their entries — are out of order only
 * within a holding period. Insertion sort is linear there, where a comparator sort of a typed array
 * is n log n calls into JS. Each function gives up after a bounded number of element moves (then the
 * caller sorts as before), so a badly shuffled input costs no more than a small constant extra.
 * The orders produced are total (ties broken by index), so the result equals any other correct sort.
 */

/** Moves allowed per element before an insertion sort gives up. */
const MOVES_PER_ELEMENT = 16;

/**
 * Sorts `order` (indices) by (primary, secondary, index) ascending in place; false (and `order` left
 * in an unspecified permutation) when the input was too far from sorted.
 */
export function insertionSortBy2(
  order: Uint32Array | Int32Array,
  primary: ArrayLike<number>,
  secondary: ArrayLike<number>,
): boolean {
  const n = order.length;
  let budget = MOVES_PER_ELEMENT * n;
  for (let i = 1; i < n; i++) {
    const v = order[i]!;
    const p = primary[v]!;
    const s = secondary[v]!;
    let j = i - 1;
    while (j >= 0) {
      const u = order[j]!;
      const pu = primary[u]!;
      if (pu < p || (pu === p && (secondary[u]! < s || (secondary[u]! === s && u < v)))) break;
      order[j + 1] = u;
      j--;
      if (--budget < 0) return false;
    }
    order[j + 1] = v;
  }
  return true;
}

/**
 * The permutation sorting `values` ascending (ties by index), or null when the input was too far
 * from sorted for an insertion sort.
 */
export function nearSortedOrder(values: ArrayLike<number>): Int32Array | null {
  const n = values.length;
  const order = new Int32Array(n);
  let budget = MOVES_PER_ELEMENT * n;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[order[j]!]! > x) {
      order[j + 1] = order[j]!;
      j--;
      if (--budget < 0) return null;
    }
    order[j + 1] = i;
  }
  return order;
}

/**
 * From closed shadow trades to one sample per bucket: trades are grouped by bucket key, restricted to
 * the bucket's window (after its last demotion, so re-promotion is judged on post-demotion data only),
 * and collapsed by setup key — one economic setup is one observation with the mean R of its trades,
 * held from its first entry to its last exit. Observations are sorted by exit time.
 */
import { insertionSortBy2 } from "./near-sorted.ts";

/** Closed shadow trades as columns (row i of each array is one trade). */
export interface TradeColumns {
  id: ArrayLike<number>;
  /** strategy|side|session|regime|vol_bucket */
  bucket: readonly string[];
  setupKey: readonly string[];
  openedAt: ArrayLike<number>;
  closedAt: ArrayLike<number>;
  /** Net R after fees, slippage and funding. */
  r: ArrayLike<number>;
}

export interface BucketSample {
  key: string;
  /** Only trades closed after this time (ms) were used; null = all. */
  windowFrom: number | null;
  nRaw: number;
  /** Deduplicated observations, sorted by exit time. */
  x: Float64Array;
  openedAt: Float64Array;
  closedAt: Float64Array;
}

/** Row indices of each bucket's trades inside its window, buckets in first-seen order. */
export function groupByBucket(
  trades: TradeColumns,
  windowFrom: ReadonlyMap<string, number> = new Map(),
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const n = trades.bucket.length;
  for (let i = 0; i < n; i++) {
    const key = trades.bucket[i]!;
    let rows = groups.get(key);
    if (!rows) {
      rows = [];
      groups.set(key, rows);
    }
    const from = windowFrom.get(key);
    if (from === undefined || trades.closedAt[i]! > from) rows.push(i);
  }
  return groups;
}

/** Deduplicates one bucket's rows by setup key. */
export function buildSample(
  key: string,
  trades: TradeColumns,
  rows: ArrayLike<number>,
  windowFrom: number | null = null,
): BucketSample {
  return collapseSetups(key, windowFrom, rows, trades.setupKey, trades.r, trades.openedAt, trades.closedAt);
}

/** FNV-1a over the UTF-16 code units: the setup-key hash of the open-addressing table below. */
function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * One bucket's sample from its rows (trade indices into the columns, in ledger order): trades sharing a
 * setup key become one observation (mean R, first entry, last exit), numbered in first-seen order, then
 * sorted by exit, entry and that number. Setup keys are matched with an open-addressing hash table on
 * typed arrays (a Map of a million fresh strings cost more than the rest of the sample).
 */
export function collapseSetups(
  key: string,
  windowFrom: number | null,
  rows: ArrayLike<number>,
  setupKey: readonly string[],
  r: ArrayLike<number>,
  openedAt: ArrayLike<number>,
  closedAt: ArrayLike<number>,
): BucketSample {
  const cap = rows.length;
  let size = 16;
  while (size < 2 * cap) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size); // slot + 1; 0 = empty
  const first = new Int32Array(cap); // row of each slot's first trade (its setup key)
  const sum = new Float64Array(cap);
  const count = new Float64Array(cap);
  const open = new Float64Array(cap);
  const close = new Float64Array(cap);
  let m = 0;
  for (let k = 0; k < cap; k++) {
    const i = rows[k]!;
    const setup = setupKey[i]!;
    let h = hashKey(setup) & mask;
    let j = -1;
    for (;;) {
      const t = table[h]!;
      if (t === 0) break;
      if (setupKey[first[t - 1]!] === setup) {
        j = t - 1;
        break;
      }
      h = (h + 1) & mask;
    }
    if (j < 0) {
      table[h] = m + 1;
      first[m] = i;
      sum[m] = r[i]!;
      count[m] = 1;
      open[m] = openedAt[i]!;
      close[m] = closedAt[i]!;
      m++;
    } else {
      sum[j]! += r[i]!;
      count[j]! += 1;
      if (openedAt[i]! < open[j]!) open[j] = openedAt[i]!;
      if (closedAt[i]! > close[j]!) close[j] = closedAt[i]!;
    }
  }
  return finishSample(key, windowFrom, cap, m, sum, count, open, close);
}

/**
 * The sample from per-setup sums, counts, first entries and last exits (slots 0..m−1 numbered in
 * first-seen order): the mean R of each setup, sorted by exit, entry and slot.
 */
export function finishSample(
  key: string,
  windowFrom: number | null,
  nRaw: number,
  m: number,
  sum: Float64Array,
  count: Float64Array,
  open: Float64Array,
  close: Float64Array,
): BucketSample {
  const order = new Uint32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  let sorted = true;
  for (let k = 1; k < m && sorted; k++) sorted = close[k]! > close[k - 1]!;
  if (!sorted && !insertionSortBy2(order, close, open))
    order.sort((a, b) => close[a]! - close[b]! || open[a]! - open[b]! || a - b);
  const x = new Float64Array(m);
  const outOpen = new Float64Array(m);
  const outClose = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const j = order[k]!;
    x[k] = sum[j]! / count[j]!;
    outOpen[k] = open[j]!;
    outClose[k] = close[j]!;
  }
  return { key, windowFrom, nRaw, x, openedAt: outOpen, closedAt: outClose };
}

/** Every bucket's sample. */
export function buildSamples(
  trades: TradeColumns,
  windowFrom: ReadonlyMap<string, number> = new Map(),
): BucketSample[] {
  const out: BucketSample[] = [];
  for (const [key, rows] of groupByBucket(trades, windowFrom)) {
    out.push(buildSample(key, trades, rows, windowFrom.get(key) ?? null));
  }
  return out;
}

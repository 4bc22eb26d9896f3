/**
 * From closed shadow trades to one sample per bucket: trades are grouped by bucket key, restricted to
 * the bucket's window (after its last demotion, so re-promotion is judged on post-demotion data only),
 * and collapsed by setup key — one economic setup is one observation with the mean R of its trades,
 * held from its first entry to its last exit. Observations are sorted by exit time.
 */

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
  rows: readonly number[],
  windowFrom: number | null = null,
): BucketSample {
  const slot = new Map<string, number>();
  const cap = rows.length;
  const sum = new Float64Array(cap);
  const count = new Float64Array(cap);
  const open = new Float64Array(cap);
  const close = new Float64Array(cap);
  let m = 0;
  for (const i of rows) {
    const setup = trades.setupKey[i]!;
    const j = slot.get(setup);
    if (j === undefined) {
      slot.set(setup, m);
      sum[m] = trades.r[i]!;
      count[m] = 1;
      open[m] = trades.openedAt[i]!;
      close[m] = trades.closedAt[i]!;
      m++;
    } else {
      sum[j]! += trades.r[i]!;
      count[j]! += 1;
      if (trades.openedAt[i]! < open[j]!) open[j] = trades.openedAt[i]!;
      if (trades.closedAt[i]! > close[j]!) close[j] = trades.closedAt[i]!;
    }
  }
  const order = new Uint32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  let sorted = true;
  for (let k = 1; k < m && sorted; k++) sorted = close[k]! > close[k - 1]!;
  if (!sorted) order.sort((a, b) => close[a]! - close[b]! || open[a]! - open[b]! || a - b);
  const x = new Float64Array(m);
  const openedAt = new Float64Array(m);
  const closedAt = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const j = order[k]!;
    x[k] = sum[j]! / count[j]!;
    openedAt[k] = open[j]!;
    closedAt[k] = close[j]!;
  }
  return { key, windowFrom, nRaw: rows.length, x, openedAt, closedAt };
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

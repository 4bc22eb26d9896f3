/**
 * The mining read in one pass: every closed shadow trade of one source, as the per-bucket samples of
 * bucket-sample.ts plus the trade ids the provenance hash covers. A 1M-trade ledger is read with one
 * table scan returning only numbers and the setup key (the bucket comes back as an integer code, see
 * bucket-codes.ts), into typed arrays; rows are grouped by bucket with a counting sort instead of
 * per-bucket JS arrays. Same rows, same order and same arithmetic as groupByBucket + buildSample, so
 * the samples are bit-identical (tests/mining/mine-golden.test.ts).
 */
import type { Database } from "bun:sqlite";
import type { ShadowTradeSource } from "../ledger/repos/shadow-trades.ts";
import type { BucketCodes } from "./bucket-codes.ts";
import { type BucketSample, collapseSetups } from "./bucket-sample.ts";

const CLOSED = `mode = 'shadow' AND status = 'closed' AND r_multiple IS NOT NULL AND closed_at IS NOT NULL`;
const SOURCE = "run_id = ?1 AND sim_model_version = ?2 AND closed_at <= ?3";
/** Memory-mapped reads for the scan: SQLite then reads pages in place instead of copying them. */
const MMAP_BYTES = 1 << 30;

export interface ClosedSamples {
  /** Ids of every trade read (inside or outside a bucket's window), in ledger order. */
  ids: Float64Array;
  /** One sample per bucket, buckets in first-seen order. */
  samples: BucketSample[];
}

interface Row {
  id: number;
  code: number;
  setup_key: string;
  opened_at: number;
  closed_at: number;
  r_multiple: number;
}

/**
 * The read's columns, sized by an index-only count of the source's closed rows (an upper bound) and
 * grown by doubling only if the count fell short (growing 1M-row typed arrays cost more than the count).
 */
class Columns {
  n = 0;
  ids: Float64Array;
  code: Int32Array;
  setupKey: string[] = [];
  openedAt: Float64Array;
  closedAt: Float64Array;
  r: Float64Array;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.ids = new Float64Array(size);
    this.code = new Int32Array(size);
    this.openedAt = new Float64Array(size);
    this.closedAt = new Float64Array(size);
    this.r = new Float64Array(size);
  }

  push(row: Row): void {
    if (this.n === this.ids.length) this.grow();
    const i = this.n++;
    this.ids[i] = row.id;
    this.code[i] = row.code;
    this.setupKey.push(row.setup_key);
    this.openedAt[i] = row.opened_at;
    this.closedAt[i] = row.closed_at;
    this.r[i] = row.r_multiple;
  }

  private grow(): void {
    const size = 2 * this.ids.length;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const code = new Int32Array(size);
    code.set(this.code);
    this.code = code;
    this.ids = f64(this.ids);
    this.openedAt = f64(this.openedAt);
    this.closedAt = f64(this.closedAt);
    this.r = f64(this.r);
  }
}

export function readClosedSamples(
  db: Database,
  source: ShadowTradeSource,
  until: number,
  windowFrom: ReadonlyMap<string, number>,
  codes: BucketCodes,
): ClosedSamples {
  const code = codes.codeSql();
  const previous = (db.query("PRAGMA mmap_size").get() as { mmap_size: number } | null)?.mmap_size ?? 0;
  db.run(`PRAGMA mmap_size = ${MMAP_BYTES}`);
  let cols = new Columns(0);
  let fallback: [id: number, key: string][] = [];
  // One read transaction: the count, the scan and the fallback read see the same snapshot.
  const read = db.transaction(() => {
    const bound = db
      .query(`SELECT count(*) AS n FROM positions
        WHERE run_id = ?1 AND mode = 'shadow' AND closed_at <= ?2`)
      .get(source.runId, until) as { n: number };
    cols = new Columns(bound.n);
    // A full scan beats the (run_id, mode, closed_at) index when most rows qualify (every mining run).
    // iterate() and not values(): a million retained row arrays cost more GC than the scan itself.
    const scan = db.query(`SELECT id, ${code} AS code, setup_key, opened_at, closed_at, r_multiple
      FROM positions NOT INDEXED WHERE ${CLOSED} AND ${SOURCE}`);
    let unknown = false;
    for (const row of scan.iterate(source.runId, source.model, until) as IterableIterator<Row>) {
      cols.push(row);
      if (row.code < 0) unknown = true;
    }
    if (unknown) {
      fallback = db
        .query(`SELECT id, ${codes.keySql()} FROM positions NOT INDEXED
          WHERE ${CLOSED} AND ${SOURCE} AND (${code}) < 0`)
        .values(source.runId, source.model, until) as [number, string][];
    }
  });
  try {
    read.deferred();
  } finally {
    db.run(`PRAGMA mmap_size = ${previous}`);
  }
  return groupRows(cols, fallback, windowFrom, codes);
}

function groupRows(
  cols: Columns,
  fallback: readonly [number, string][],
  windowFrom: ReadonlyMap<string, number>,
  codes: BucketCodes,
): ClosedSamples {
  const n = cols.n;
  const { setupKey, code } = cols;
  const ids = cols.ids.subarray(0, n);
  const closedAt = cols.closedAt;
  const slotOf = new Int32Array(n);
  const keys: string[] = [];
  const from: number[] = [];
  const slotByKey = new Map<string, number>();
  const slotByCode = new Map<number, number>();
  const slotFor = (key: string): number => {
    let s = slotByKey.get(key);
    if (s === undefined) {
      s = keys.length;
      slotByKey.set(key, s);
      keys.push(key);
      from.push(windowFrom.get(key) ?? Number.NaN);
    }
    return s;
  };
  let f = 0;
  let lastCode = -1;
  let lastSlot = -1;
  for (let i = 0; i < n; i++) {
    const c = code[i]!;
    if (c < 0) {
      // The fallback rows come in the same (rowid) order as the scan.
      const [id, key] = fallback[f++]!;
      if (id !== ids[i]) throw new Error(`mining read: fallback row ${id} does not match trade ${ids[i]}`);
      slotOf[i] = slotFor(key);
    } else if (c === lastCode) {
      slotOf[i] = lastSlot;
    } else {
      let s = slotByCode.get(c);
      if (s === undefined) {
        s = slotFor(codes.key(c));
        slotByCode.set(c, s);
      }
      slotOf[i] = s;
      lastCode = c;
      lastSlot = s;
    }
  }

  // Counting sort of the rows inside their bucket's window, by bucket, ledger order kept.
  const k = keys.length;
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) {
    const s = slotOf[i]!;
    const w = from[s]!;
    if (Number.isNaN(w) || closedAt[i]! > w) start[s + 1]!++;
    else slotOf[i] = -1;
  }
  for (let s = 0; s < k; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, k);
  const order = new Int32Array(start[k]!);
  for (let i = 0; i < n; i++) {
    const s = slotOf[i]!;
    if (s >= 0) order[fill[s]!++] = i;
  }
  const samples: BucketSample[] = [];
  for (let s = 0; s < k; s++) {
    const w = from[s]!;
    const rowsOf = order.subarray(start[s]!, start[s + 1]!);
    samples.push(
      collapseSetups(keys[s]!, Number.isNaN(w) ? null : w, rowsOf, setupKey, cols.r, cols.openedAt, closedAt),
    );
  }
  return { ids, samples };
}

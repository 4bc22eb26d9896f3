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
import { CollapseScratch, collapseByHash, NATIVE_SETUP_HASHES, type SetupHashes } from "./setup-hash.ts";

const CLOSED = `mode = 'shadow' AND status = 'closed' AND r_multiple IS NOT NULL AND closed_at IS NOT NULL`;
const SOURCE = "run_id = ?1 AND sim_model_version = ?2 AND closed_at <= ?3";
/** Memory-mapped reads for the scan: SQLite then reads pages in place instead of copying them. */
const MMAP_BYTES = 1 << 30;
/** Largest first allocation of the columns without a previous run's count (2M rows, ~90 MB). */
const MAX_GUESS = 1 << 21;

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
 * The read's columns, sized from the previous mining run's trade count and grown by doubling only
 * if that falls short (growing 1M-row typed arrays cost more than the rest of the read's bookkeeping).
 */
class Columns {
  n = 0;
  ids: Float64Array;
  code: Int32Array;
  /** The two hashes of each trade's setup key (setup-hash.ts); the strings themselves are not kept. */
  h1: Uint32Array;
  h2: Uint32Array;
  openedAt: Float64Array;
  closedAt: Float64Array;
  r: Float64Array;

  constructor(
    capacity: number,
    private readonly hashes: SetupHashes,
  ) {
    const size = Math.max(16, capacity);
    this.ids = new Float64Array(size);
    this.code = new Int32Array(size);
    this.h1 = new Uint32Array(size);
    this.h2 = new Uint32Array(size);
    this.openedAt = new Float64Array(size);
    this.closedAt = new Float64Array(size);
    this.r = new Float64Array(size);
  }

  push(row: Row): void {
    if (this.n === this.ids.length) this.grow();
    const i = this.n++;
    this.ids[i] = row.id;
    this.code[i] = row.code;
    const key = row.setup_key;
    this.h1[i] = this.hashes.h1(key);
    this.h2[i] = this.hashes.h2(key);
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
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const u32 = (a: Uint32Array) => {
      const b = new Uint32Array(size);
      b.set(a);
      return b;
    };
    this.code = i32(this.code);
    this.h1 = u32(this.h1);
    this.h2 = u32(this.h2);
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
  hashes: SetupHashes = NATIVE_SETUP_HASHES,
): ClosedSamples {
  const code = codes.codeSql();
  const previous = (db.query("PRAGMA mmap_size").get() as { mmap_size: number } | null)?.mmap_size ?? 0;
  db.run(`PRAGMA mmap_size = ${MMAP_BYTES}`);
  let out: ClosedSamples = { ids: new Float64Array(0), samples: [] };
  // One read transaction: the count, the scan and the follow-up reads see the same snapshot.
  const read = db.transaction(() => {
    let fallback: [id: number, key: string][] = [];
    // The last mining run of this source says how many rows to expect (a little more: trades accrue).
    const last = db
      .query(`SELECT n_trades FROM mining_runs WHERE sim_model_version = ?1 AND source_run_id = ?2
        ORDER BY id DESC LIMIT 1`)
      .get(source.model, source.runId) as { n_trades: number } | null;
    // Without one, the table's rowid span bounds it (capped: other sources may share the table).
    const span = last
      ? null
      : // Two single-aggregate subqueries: SQLite reads each from the b-tree's edge; max(id) - min(id)
        // in one select scans the whole table (34 ms at 1M rows).
        (db
          .query("SELECT (SELECT max(id) FROM positions) - (SELECT min(id) FROM positions) + 1 AS n")
          .get() as { n: number | null });
    const capacity = last ? Math.ceil(last.n_trades * 1.05) + 1024 : Math.min(span?.n ?? 0, MAX_GUESS);
    const cols = new Columns(capacity, hashes);
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
    out = groupRows(db, cols, fallback, windowFrom, codes);
  });
  try {
    read.deferred();
  } finally {
    db.run(`PRAGMA mmap_size = ${previous}`);
  }
  return out;
}

/** Setup keys of the given trade ids. */
function setupKeysOf(db: Database, ids: Iterable<number>): Map<number, string> {
  const rows = db
    .query("SELECT id, setup_key FROM positions WHERE id IN (SELECT value FROM json_each(?1))")
    .values(JSON.stringify([...ids])) as [number, string][];
  return new Map(rows);
}

function groupRows(
  db: Database,
  cols: Columns,
  fallback: readonly [number, string][],
  windowFrom: ReadonlyMap<string, number>,
  codes: BucketCodes,
): ClosedSamples {
  const n = cols.n;
  const { code } = cols;
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
  const matched: number[][] = [];
  const pending = new Set<number>();
  const scratch = new CollapseScratch();
  for (let s = 0; s < k; s++) {
    const w = from[s]!;
    const rowsOf = order.subarray(start[s]!, start[s + 1]!);
    const h = collapseByHash(
      keys[s]!,
      Number.isNaN(w) ? null : w,
      rowsOf,
      cols.h1,
      cols.h2,
      cols.r,
      cols.openedAt,
      closedAt,
      scratch,
    );
    samples.push(h.sample);
    matched.push(h.matched);
    for (const i of h.matched) pending.add(ids[i]!);
  }
  if (pending.size === 0) return { ids, samples };
  // Trades matched by hash are checked against their strings; a bucket with a false match (two
  // different keys with equal hashes) is rebuilt from all of its setup keys.
  const known = setupKeysOf(db, pending);
  for (let s = 0; s < k; s++) {
    const pairs = matched[s]!;
    let exact = true;
    for (let p = 0; p < pairs.length && exact; p += 2)
      exact = known.get(ids[pairs[p]!]!) === known.get(ids[pairs[p + 1]!]!);
    if (exact) continue;
    const rowsOf = order.subarray(start[s]!, start[s + 1]!);
    const strings = setupKeysOf(
      db,
      Array.from(rowsOf, (i) => ids[i]!),
    );
    const setupKey = Array.from(ids, (id) => strings.get(id) ?? "");
    const w = from[s]!;
    samples[s] = collapseSetups(
      keys[s]!,
      Number.isNaN(w) ? null : w,
      rowsOf,
      setupKey,
      cols.r,
      cols.openedAt,
      closedAt,
    );
  }
  return { ids, samples };
}

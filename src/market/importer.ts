/**
 * `hlbot import`: loads a directory of real-data CSV files into the ledger, idempotently. Each file is
 * parsed whole, then written in one transaction; a bad file is reported and skipped whole. A row
 * whose key is stored already is a duplicate when identical and a conflict when not (the stored row
 * is kept): both are counted, separately, per file and in total. Recorded L2 books in `DIR/l2book/`
 * (`COIN-l2book-*.csv[.gz]`) go into `book_snapshots` as the recorder stores them, counted apart.
 */

import type { Database } from "bun:sqlite";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Clock, wallClock } from "../core/clock.ts";
import { DataFormatError } from "../core/errors.ts";
import { BookSnapshotsRepo } from "../ledger/repos/book-snapshots.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import type { InsertReport } from "../ledger/repos/insert-report.ts";
import { l2BookFileCoin } from "../sim/depth/l2book-csv.ts";
import { classifyDataFile, type DataFile } from "./csv-files.ts";
import { parseFiles } from "./import-pool.ts";
import type { BookColumns, BookFile, ImportFile } from "./parse-protocol.ts";
import { marketTimeWindow } from "./time-window.ts";

export interface ImportFileResult {
  file: string;
  kind: DataFile["kind"];
  coin: string;
  interval?: string;
  rows: number;
  added: number;
  /** Rows already stored with the same values. */
  duplicates: number;
  /** Rows whose key is stored with different values; the stored rows were kept. */
  conflicts: number;
  /** `file:line: what differs` for the first conflicting row, or null. */
  firstConflict: string | null;
}

/** One L2 book file: its snapshots (one stored row each) and what became of them. */
export interface ImportBookResult {
  file: string;
  coin: string;
  snapshots: number;
  added: number;
  duplicates: number;
  conflicts: number;
  /** `file: snapshot at time_ms T: what differs` for the first conflicting snapshot, or null. */
  firstConflict: string | null;
}

export interface ImportSummary {
  files: ImportFileResult[];
  /** Book files of `DIR/l2book/`, imported into book_snapshots (not counted in rows/added/…). */
  books: {
    files: ImportBookResult[];
    snapshots: number;
    added: number;
    duplicates: number;
    conflicts: number;
  };
  failed: { file: string; error: DataFormatError }[];
  skipped: string[];
  rows: number;
  added: number;
  duplicates: number;
  conflicts: number;
  seconds: number;
}

export interface ImportOptions {
  /** Only these coins (null: all). */
  coins?: Set<string> | null;
  onProgress?: (done: number, total: number, file: string) => void;
  /** Wall clock: timestamps later than one day after its now are refused. */
  clock?: Clock;
}

export function listDataFiles(dir: string): { data: DataFile[]; skipped: string[] } {
  const data: DataFile[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const file = classifyDataFile(path);
    if (file) data.push(file);
    else skipped.push(name);
  }
  return { data, skipped };
}

/** The recorded L2 book files of `dir/l2book/` (none when there is no such directory). */
export function listBookFiles(dir: string): BookFile[] {
  const sub = join(dir, "l2book");
  if (!existsSync(sub) || !statSync(sub).isDirectory()) return [];
  const out: BookFile[] = [];
  for (const name of readdirSync(sub).sort()) {
    const path = join(sub, name);
    const coin = l2BookFileCoin(path);
    if (coin && statSync(path).isFile()) out.push({ kind: "l2book", path, coin });
  }
  return out;
}

/**
 * Imports every data file of `dir`, then its recorded books. A worker parses ahead on the second core
 * while this thread writes, in file order (import-pool.ts); each file is written in its own
 * transaction, so a bad file is skipped whole.
 */
export async function importDirectory(
  db: Database,
  dir: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const candles = new CandlesRepo(db);
  const funding = new FundingRepo(db);
  const books = new BookSnapshotsRepo(db);
  const { data, skipped } = listDataFiles(dir);
  const all: ImportFile[] = [...data, ...listBookFiles(dir)];
  const selected = options.coins ? all.filter((f) => options.coins!.has(f.coin)) : all;
  const done: (ImportFileResult | ImportBookResult | { file: string; error: DataFormatError })[] = [];
  const restore = bulkLoadPragmas(db);
  try {
    let count = 0;
    for await (const { index, reply } of parseFiles(
      selected,
      marketTimeWindow((options.clock ?? wallClock).now()),
    )) {
      const file = selected[index]!;
      options.onProgress?.(count++, selected.length, file.path);
      if (!reply.ok)
        done[index] = { file: file.path, error: new DataFormatError(reply.location, reply.detail) };
      else if (reply.kind === "l2book") done[index] = writeBooks(file, reply.books, books);
      else if (file.kind !== "l2book")
        done[index] = writeFile(file, reply.columns, reply.lines, candles, funding);
    }
  } finally {
    restore();
  }
  options.onProgress?.(selected.length, selected.length, "");
  return summarize(done, skipped, (performance.now() - started) / 1000);
}

function summarize(
  done: (ImportFileResult | ImportBookResult | { file: string; error: DataFormatError })[],
  skipped: string[],
  seconds: number,
): ImportSummary {
  const summary: ImportSummary = {
    files: [],
    books: { files: [], snapshots: 0, added: 0, duplicates: 0, conflicts: 0 },
    failed: [],
    skipped,
    rows: 0,
    added: 0,
    duplicates: 0,
    conflicts: 0,
    seconds,
  };
  for (const r of done) {
    if ("error" in r) summary.failed.push(r);
    else if ("snapshots" in r) {
      const b = summary.books;
      b.files.push(r);
      b.snapshots += r.snapshots;
      b.added += r.added;
      b.duplicates += r.duplicates;
      b.conflicts += r.conflicts;
    } else {
      summary.files.push(r);
      summary.rows += r.rows;
      summary.added += r.added;
      summary.duplicates += r.duplicates;
      summary.conflicts += r.conflicts;
    }
  }
  return summary;
}

function writeBooks(file: ImportFile, cols: BookColumns, repo: BookSnapshotsRepo): ImportBookResult {
  const r = repo.insertReport(file.coin, cols);
  return {
    file: file.path,
    coin: file.coin,
    snapshots: cols.t.length,
    added: r.added,
    duplicates: r.duplicates,
    conflicts: r.conflicts,
    firstConflict: r.firstConflict ? `${file.path}: ${r.firstConflict.detail}` : null,
  };
}

function writeFile(
  file: DataFile,
  columns: Float64Array[],
  lines: Int32Array,
  candles: CandlesRepo,
  funding: FundingRepo,
): ImportFileResult {
  const result = (rows: number, r: InsertReport): ImportFileResult => ({
    file: file.path,
    kind: file.kind,
    coin: file.coin,
    ...(file.kind === "candles" ? { interval: file.interval } : {}),
    rows,
    added: r.added,
    duplicates: r.duplicates,
    conflicts: r.conflicts,
    firstConflict: r.firstConflict
      ? `${file.path}:${lines[r.firstConflict.index]}: ${r.firstConflict.detail}`
      : null,
  });
  if (file.kind === "candles") {
    const [t, open, high, low, close, volume] = columns as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    return result(
      t.length,
      candles.insertReport(file.coin, file.interval, { t, open, high, low, close, volume }),
    );
  }
  const [eventT, rate] = columns as [Float64Array, Float64Array];
  return result(eventT.length, funding.insertReport(file.coin, eventT, rate));
}

/**
 * A bulk load runs with a large page cache and without automatic WAL checkpoints (a page rewritten by
 * many files is then copied into the database once, by the final checkpoint). Durability is unchanged:
 * every file still commits its own transaction to the WAL.
 */
function bulkLoadPragmas(db: Database): () => void {
  const cache = (db.query("PRAGMA cache_size").get() as { cache_size: number }).cache_size;
  const auto = (db.query("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number })
    .wal_autocheckpoint;
  db.run("PRAGMA cache_size = -131072");
  db.run("PRAGMA wal_autocheckpoint = 0");
  return () => {
    db.run(`PRAGMA wal_autocheckpoint = ${auto}`);
    db.run(`PRAGMA cache_size = ${cache}`);
    db.run("PRAGMA wal_checkpoint(TRUNCATE)");
  };
}

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
import { workerUrl } from "../core/worker-url.ts";
import { BookSnapshotsRepo } from "../ledger/repos/book-snapshots.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import type { InsertReport } from "../ledger/repos/insert-report.ts";
import { l2BookFileCoin } from "../sim/depth/l2book-csv.ts";
import { classifyDataFile, type DataFile } from "./csv-files.ts";
import type { BookFile, ImportFile, ParseReply, ParseRequest } from "./parse-protocol.ts";
import { marketTimeWindow, type TimeWindow } from "./time-window.ts";

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
 * Imports every data file of `dir`, then its recorded books. A worker parses file i+1 on the second core while this thread
 * writes file i; each file is written in its own transaction, so a bad file is skipped whole.
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
  const summary: ImportSummary = {
    files: [],
    books: { files: [], snapshots: 0, added: 0, duplicates: 0, conflicts: 0 },
    failed: [],
    skipped,
    rows: 0,
    added: 0,
    duplicates: 0,
    conflicts: 0,
    seconds: 0,
  };
  const parser = new ParsePool(marketTimeWindow((options.clock ?? wallClock).now()));
  const restore = bulkLoadPragmas(db);
  try {
    let next = selected.length ? parser.parse(selected[0]!) : null;
    for (let i = 0; i < selected.length; i++) {
      const file = selected[i]!;
      options.onProgress?.(i, selected.length, file.path);
      const parsed = await next!;
      next = i + 1 < selected.length ? parser.parse(selected[i + 1]!) : null;
      if (!parsed.ok) {
        summary.failed.push({ file: file.path, error: new DataFormatError(parsed.location, parsed.detail) });
        continue;
      }
      if (parsed.kind === "l2book") {
        const r = books.insertReport(file.coin, parsed.books);
        const b = summary.books;
        b.files.push({
          file: file.path,
          coin: file.coin,
          snapshots: parsed.books.t.length,
          added: r.added,
          duplicates: r.duplicates,
          conflicts: r.conflicts,
          firstConflict: r.firstConflict ? `${file.path}: ${r.firstConflict.detail}` : null,
        });
        b.snapshots += parsed.books.t.length;
        b.added += r.added;
        b.duplicates += r.duplicates;
        b.conflicts += r.conflicts;
        continue;
      }
      if (file.kind === "l2book") throw new Error(`parse worker answered ${file.path} as ${parsed.kind}`);
      const result = writeFile(file, parsed.columns, parsed.lines, candles, funding);
      summary.files.push(result);
      summary.rows += result.rows;
      summary.added += result.added;
      summary.duplicates += result.duplicates;
      summary.conflicts += result.conflicts;
    }
  } finally {
    parser.close();
    restore();
  }
  options.onProgress?.(selected.length, selected.length, "");
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
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

/** One parse worker, answering requests in order. */
class ParsePool {
  private readonly worker = new Worker(workerUrl("market/parse-worker.ts"));
  private readonly waiting = new Map<number, (r: ParseReply) => void>();
  private seq = 0;

  constructor(private readonly window: TimeWindow) {
    this.worker.onmessage = (e: MessageEvent<ParseReply>) => {
      this.waiting.get(e.data.id)?.(e.data);
      this.waiting.delete(e.data.id);
    };
    // A crashed worker fails every pending file instead of leaving the import waiting forever.
    this.worker.onerror = (e) => {
      for (const [id, resolve] of this.waiting)
        resolve({ id, ok: false, location: "parse worker", detail: e.message });
      this.waiting.clear();
    };
  }

  parse(file: ImportFile): Promise<ParseReply> {
    const id = this.seq++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ id, file, window: this.window } satisfies ParseRequest);
    });
  }

  close(): void {
    this.worker.terminate();
  }
}

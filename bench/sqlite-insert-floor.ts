/**
 * The floor the import is judged against: SQLite itself writing the same rows. Every candle and
 * funding file of the data set is parsed first (not timed), then written into a fresh ledger's own
 * candles and funding tables with the cheapest statement SQLite has — a plain multi-row INSERT (OR
 * IGNORE only so a repeated key cannot abort it; no upsert, no counting, no per-file report), all in one transaction, under the importer's
 * bulk-load pragmas — and checkpointed into the database file, as the import ends. No importer can
 * store these rows faster in this table layout on this machine: the gap between the import and this
 * floor is the importer's own overhead; the gap between this floor and a target is the layout's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "../src/ledger/open.ts";
import { parseImportFile } from "../src/market/import-parse.ts";
import { listDataFiles } from "../src/market/importer.ts";
import { marketTimeWindow } from "../src/market/time-window.ts";

const BATCH = 128;

interface ParsedTable {
  coin: string;
  interval: string | null;
  columns: Float64Array[];
}

/** Every candle and funding file of `dir`, parsed (bad files left out: the floor needs only rows). */
export function parseAll(dir: string): ParsedTable[] {
  const window = marketTimeWindow(Date.now());
  const out: ParsedTable[] = [];
  for (const [id, file] of listDataFiles(dir).data.entries()) {
    const reply = parseImportFile({ id, file, window });
    if (!reply.ok || reply.kind === "l2book") continue;
    out.push({
      coin: file.coin,
      interval: file.kind === "candles" ? file.interval : null,
      columns: reply.columns,
    });
  }
  return out;
}

/** Seconds to write `tables` into a fresh ledger (one transaction, plain INSERTs) and checkpoint it. */
export function plainInsertSeconds(tables: readonly ParsedTable[]): { seconds: number; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), "hlbot-insert-floor-"));
  const db = openLedger(join(dir, "floor.db"));
  try {
    db.run("PRAGMA cache_size = -131072");
    db.run("PRAGMA wal_autocheckpoint = 0");
    const candle = statements(db, "candles (coin, interval, t, open, high, low, close, volume)", 2, 6);
    const funding = statements(db, "funding (coin, t, rate, event_t)", 1, 3);
    let rows = 0;
    const t0 = Bun.nanoseconds();
    db.transaction(() => {
      for (const table of tables) {
        rows += table.columns[0]!.length;
        if (table.interval !== null)
          candle(table.columns, [table.coin, table.interval], (c, i) => [
            c[0]![i]!,
            c[1]![i]!,
            c[2]![i]!,
            c[3]![i]!,
            c[4]![i]!,
            c[5]![i]!,
          ]);
        else
          funding(table.columns, [table.coin], (c, i) => [
            Math.floor(c[0]![i]! / 3_600_000) * 3_600_000,
            c[1]![i]!,
            c[0]![i]!,
          ]);
      }
    })();
    db.run("PRAGMA wal_checkpoint(TRUNCATE)");
    return { seconds: (Bun.nanoseconds() - t0) / 1e9, rows };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type RowValues = (columns: Float64Array[], i: number) => number[];

/** A writer of one table: BATCH-row statements with the key prefix bound once per statement. */
function statements(db: ReturnType<typeof openLedger>, target: string, prefix: number, width: number) {
  const values = (rows: number) =>
    Array.from(
      { length: rows },
      (_, r) =>
        `(${[
          ...Array.from({ length: prefix }, (_, k) => `?${k + 1}`),
          ...Array.from({ length: width }, (_, k) => `?${prefix + r * width + k + 1}`),
        ].join(", ")})`,
    ).join(", ");
  const batch = db.prepare(`INSERT OR IGNORE INTO ${target} VALUES ${values(BATCH)}`);
  const single = db.prepare(`INSERT OR IGNORE INTO ${target} VALUES ${values(1)}`);
  const args: (string | number)[] = new Array(prefix + BATCH * width);
  return (columns: Float64Array[], key: (string | number)[], row: RowValues) => {
    const n = columns[0]!.length;
    for (let k = 0; k < prefix; k++) args[k] = key[k]!;
    let i = 0;
    for (; i + BATCH <= n; i += BATCH) {
      for (let r = 0; r < BATCH; r++) {
        const v = row(columns, i + r);
        for (let k = 0; k < width; k++) args[prefix + r * width + k] = v[k]!;
      }
      batch.run(...args);
    }
    for (; i < n; i++) single.run(...key, ...row(columns, i));
  };
}

// `hlbot import` loads the recorded L2 books of DIR/l2book into book_snapshots exactly as the recorder
// stores them (issue 19): the rows equal parseL2BookCsv's books, a re-run adds 0, a corrupt row exits 2
// naming file:line, and a v5 backtest on the imported ledger prices fills from the walked book.
import { describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { BookSnapshotsRepo } from "../../src/ledger/repos/book-snapshots.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { toSnapshotRow } from "../../src/sim/depth/depth-book.ts";
import { parseL2BookCsv } from "../../src/sim/depth/l2book-csv.ts";
import { hlbot } from "../mining/support/cli.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";
import { ScriptedSignals } from "../support/scripted-signals.ts";

const BOOK = join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz");
const T = (iso: string) => Date.parse(`${iso}Z`);

/** A data directory with BTC's 4h candles and the real book hour (fast to import). */
function btcDir(): string {
  const dir = scratchDir();
  mkdirSync(join(dir, "l2book"));
  copyFileSync(join(HL_DATA, "BTC-4h.csv.gz"), join(dir, "BTC-4h.csv.gz"));
  copyFileSync(BOOK, join(dir, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
  return dir;
}

describe("hlbot import: recorded L2 books", () => {
  const dir = btcDir();
  const db = openLedger(join(scratchDir(), "books.db"));
  const expected = parseL2BookCsv(BOOK).map(toSnapshotRow);

  test("the real BTC hour lands in book_snapshots as parseL2BookCsv's books; a re-run adds 0", async () => {
    const first = await importDirectory(db, dir);
    expect(first.failed).toEqual([]);
    expect(first.books.files.length).toBe(1);
    expect([first.books.snapshots, first.books.added, first.books.duplicates]).toEqual([5587, 5587, 0]);
    expect(first.rows).toBe(first.files[0]!.rows); // books are counted apart from candle rows
    const stored = new BookSnapshotsRepo(db).list("BTC");
    expect(stored.length).toBe(expected.length);
    expect(stored).toEqual(expected);
    const again = await importDirectory(db, dir);
    expect([again.books.added, again.books.duplicates, again.books.conflicts]).toEqual([0, 5587, 0]);
    expect(again.added).toBe(0);
  }, 60_000);

  test("a stored snapshot that differs is a conflict naming the file and time; the stored row is kept", async () => {
    const other = scratchDir();
    mkdirSync(join(other, "l2book"));
    const t0 = expected[0]!.t;
    writeFileSync(
      join(other, "l2book", "BTC-l2book-x.csv"),
      `time_ms,side,level,px,sz,n\n${t0},bid,0,42727.0,9.5,1\n${t0},ask,0,42728.0,1.0,2\n`,
    );
    const r = await importDirectory(db, other);
    expect([r.books.added, r.books.duplicates, r.books.conflicts]).toEqual([0, 0, 1]);
    expect(r.books.files[0]!.firstConflict).toContain(`BTC-l2book-x.csv: snapshot at time_ms ${t0}: `);
    expect(r.books.files[0]!.firstConflict).toContain("bid_sz 0.02265 stored, 9.5 given");
    expect(new BookSnapshotsRepo(db).list("BTC", t0, t0 + 1)).toEqual([expected[0]!]);
  });

  test("hlbot backtest --model v5 on the imported ledger walks the imported book for the 12:00 entry", () => {
    const { config } = loadConfig({ cwd: scratchDir(), env: {} });
    const script = [
      {
        coin: "BTC",
        side: "long" as const,
        candleT: T("2024-01-01T08:00"),
        timeframe: "4h" as const,
        stop: 42300,
        target: 44000,
      },
    ];
    const run = (model: string) =>
      runBacktest(db, {
        config,
        model,
        coins: ["BTC"],
        intervals: ["4h"],
        from: T("2023-12-31T00:00"),
        to: T("2024-01-03T00:00"),
        warmupMs: 0,
        mode: "shadow",
        ignoreCandidates: true,
        signals: new ScriptedSignals(script, ["shadow"]),
        store: false,
      });
    const v5 = run("v5");
    expect(v5.depthFills?.BTC?.book).toBe(1);
    expect(v5.shadow.trades[0]!.slippage).toBeLessThan(run("v4").shadow.trades[0]!.slippage);
  });

  test("a corrupt book row exits 2 naming file:line; nothing of that file is written", async () => {
    const bad = scratchDir();
    mkdirSync(join(bad, "l2book"));
    const path = join(bad, "l2book", "ETH-l2book-x.csv");
    writeFileSync(
      path,
      "time_ms,side,level,px,sz,n\n1704110399915,bid,0,2300.5,1.5,1\n1704110399915,ask,0,2301.0,2.0,1\n1704110400520,bid,0,23O1.0,1.0,1\n",
    );
    const dbPath = join(scratchDir(), "bad.db");
    const res = await hlbot(bad, ["import", "--dir", bad, "--db", dbPath]);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`${path}:4: px, sz and n must be plain non-negative decimals`);
    expect(res.err).not.toContain("    at ");
    const ledger = openLedger(dbPath);
    expect(new BookSnapshotsRepo(ledger).list("ETH")).toEqual([]);
    ledger.close();
  }, 60_000);
});

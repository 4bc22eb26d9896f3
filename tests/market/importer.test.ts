import { describe, expect, test } from "bun:test";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DataFormatError } from "../../src/core/errors.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { classifyDataFile, parseCandleFile } from "../../src/market/csv-files.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

/** A directory with a real slice: BTC 4h candles and BTC hourly funding. */
function realSlice(): string {
  const dir = scratchDir();
  copyFileSync(join(HL_DATA, "BTC-4h.csv.gz"), join(dir, "BTC-4h.csv.gz"));
  copyFileSync(join(HL_DATA, "BTC-funding-1h.csv.gz"), join(dir, "BTC-funding-1h.csv.gz"));
  writeFileSync(join(dir, "notes.txt"), "not data");
  return dir;
}

describe("classifyDataFile", () => {
  test("recognizes candles and hourly funding, ignores the rest", () => {
    expect(classifyDataFile("/x/kPEPE-15m.csv.gz")).toEqual({
      kind: "candles",
      path: "/x/kPEPE-15m.csv.gz",
      coin: "kPEPE",
      interval: "15m",
    });
    expect(classifyDataFile("/x/BTC-funding-1h.csv")).toEqual({
      kind: "funding",
      path: "/x/BTC-funding-1h.csv",
      coin: "BTC",
    });
    expect(classifyDataFile("/x/BTC-funding-8h.csv.gz")).toBeNull();
    expect(classifyDataFile("/x/README.md")).toBeNull();
  });
});

describe("importDirectory", () => {
  test("loads real data, matches the file, and is idempotent", async () => {
    const dir = realSlice();
    const db = openLedger(join(scratchDir(), "l.db"));
    const first = await importDirectory(db, dir);
    expect(first.failed).toEqual([]);
    expect(first.skipped).toEqual(["notes.txt"]);
    const csvRows =
      readFileSync(join(HL_DATA, "BTC-4h.csv.gz")).length > 0
        ? parseCandleFile(join(HL_DATA, "BTC-4h.csv.gz"))
        : [];
    const stored = new CandlesRepo(db).list("BTC", "4h");
    expect(stored.length).toBe(csvRows.length);
    expect(stored[0]).toEqual(csvRows[0]!);
    expect(stored.at(-1)).toEqual(csvRows.at(-1)!);
    expect(first.added).toBe(first.rows);

    const funding = new FundingRepo(db).list("BTC");
    expect(funding[0]).toEqual({ coin: "BTC", t: 1686186000000, rate: 1.25e-5, eventT: 1686186000054 });

    const second = await importDirectory(db, dir);
    expect(second.added).toBe(0);
    expect(second.rows).toBe(first.rows);
    db.close();
  });

  test("a bad row is reported as file:line and nothing of that file is written", async () => {
    const dir = scratchDir();
    const path = join(dir, "ETH-1h.csv");
    writeFileSync(
      path,
      "time_ms,open,high,low,close,volume\n3600000,1,2,0.5,1.5,10\n7200000,1,2,0.5,abc,10\n",
    );
    writeFileSync(join(dir, "SOL-1h.csv"), "time_ms,open,high,low,close,volume\n3600000,1,2,0.5,1.5,10\n");
    const db = openLedger(join(scratchDir(), "l.db"));
    const summary = await importDirectory(db, dir);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]!.error).toBeInstanceOf(DataFormatError);
    expect(summary.failed[0]!.error.location).toBe(`${path}:3`);
    expect(new CandlesRepo(db).list("ETH", "1h")).toEqual([]);
    expect(new CandlesRepo(db).list("SOL", "1h")).toHaveLength(1);
    db.close();
  });

  test("inconsistent OHLC, wrong header and unordered time are rejected", async () => {
    const dir = scratchDir();
    const cases = {
      "A-1h.csv": "time_ms,open,high,low,close,volume\n3600000,1,0.9,0.5,1,10\n",
      "B-1h.csv": "t,o,h,l,c,v\n3600000,1,2,0.5,1,10\n",
      "C-1h.csv": "time_ms,open,high,low,close,volume\n7200000,1,2,0.5,1,10\n3600000,1,2,0.5,1,10\n",
    };
    for (const [name, body] of Object.entries(cases)) writeFileSync(join(dir, name), body);
    const db = openLedger(join(scratchDir(), "l.db"));
    const summary = await importDirectory(db, dir);
    expect(summary.failed.map((f) => f.error.location.split("/").at(-1))).toEqual([
      "A-1h.csv:2",
      "B-1h.csv:1",
      "C-1h.csv:3",
    ]);
    db.close();
  });
});

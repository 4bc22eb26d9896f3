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

const H = 3_600_000;
/** An hour on the grid in 2025 (synthetic rows must be real-looking times: see issue 14 #9). */
const T0 = Date.UTC(2025, 0, 1);
const t = (hours: number) => T0 + hours * H;

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
      `time_ms,open,high,low,close,volume\n${t(1)},1,2,0.5,1.5,10\n${t(2)},1,2,0.5,abc,10\n`,
    );
    writeFileSync(join(dir, "SOL-1h.csv"), `time_ms,open,high,low,close,volume\n${t(1)},1,2,0.5,1.5,10\n`);
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
      "A-1h.csv": `time_ms,open,high,low,close,volume\n${t(1)},1,0.9,0.5,1,10\n`,
      "B-1h.csv": `t,o,h,l,c,v\n${t(1)},1,2,0.5,1,10\n`,
      "C-1h.csv": `time_ms,open,high,low,close,volume\n${t(2)},1,2,0.5,1,10\n${t(1)},1,2,0.5,1,10\n`,
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

const HEADER = "time_ms,open,high,low,close,volume";
const bar = (h: number, close = 1.5) => `${t(h)},1,2,0.5,${close},10`;
const csv = (...rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;
const gz = (text: string) => Bun.gzipSync(Buffer.from(text));
const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

describe("import validation (issue 14)", () => {
  test("issue 14 #8: a multi-member gzip is read to its last member, not cut after the first", async () => {
    const text = new TextDecoder().decode(Bun.gunzipSync(readFileSync(join(HL_DATA, "BTC-4h.csv.gz"))));
    const cut = text.indexOf("\n", Math.floor(text.length / 2)) + 1;
    const dir = scratchDir();
    // What `cat first.gz second.gz > BTC-4h.csv.gz` produces: one valid gzip file of two members.
    writeFileSync(join(dir, "BTC-4h.csv.gz"), concat(gz(text.slice(0, cut)), gz(text.slice(cut))));
    const db = openLedger(join(scratchDir(), "l.db"));
    const summary = await importDirectory(db, dir);
    const all = parseCandleFile(join(HL_DATA, "BTC-4h.csv.gz"));
    expect(summary.failed).toEqual([]);
    expect(summary.added).toBe(all.length);
    expect(new CandlesRepo(db).list("BTC", "4h").at(-1)).toEqual(all.at(-1)!);
    db.close();
  });

  test("issue 14 #8: trailing garbage, a hidden member, empty gzip and empty CSV files are refused, file named", async () => {
    const dir = scratchDir();
    const good = gz(csv(bar(1), bar(2)));
    const files: Record<string, Uint8Array | string> = {
      "A-1h.csv.gz": concat(good, Buffer.from("garbage after the member")),
      // A zero byte then a member: zlib stops at the zero and drops the member silently.
      "B-1h.csv.gz": concat(good, new Uint8Array([0]), gz(csv(bar(3)))),
      "C-1h.csv.gz": new Uint8Array(0),
      "D-1h.csv.gz": gz(""),
      "E-1h.csv": "",
      "F-1h.csv": `${HEADER}\n`,
      "G-1h.csv.gz": good.subarray(0, good.length - 5),
      // Zero padding after the last member is what gzip itself accepts: imported.
      "OK-1h.csv.gz": concat(good, new Uint8Array(16)),
    };
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
    const db = openLedger(join(scratchDir(), "l.db"));
    const summary = await importDirectory(db, dir);
    const failed = summary.failed.map((f) => [f.error.location.split("/").at(-1), f.error.message]);
    expect(failed.map(([where]) => where)).toEqual([
      "A-1h.csv.gz",
      "B-1h.csv.gz",
      "C-1h.csv.gz",
      "D-1h.csv.gz",
      "E-1h.csv",
      "F-1h.csv",
      "G-1h.csv.gz",
    ]);
    for (const [, message] of failed) expect(message).toMatch(/gzip|empty|no data rows/);
    for (const f of summary.failed) expect(f.error.exitCode).toBe(2);
    const candles = new CandlesRepo(db);
    for (const coin of ["A", "B", "C", "D", "E", "F", "G"]) expect(candles.list(coin, "1h")).toEqual([]);
    expect(candles.list("OK", "1h")).toHaveLength(2);
    db.close();
  });

  test("issue 14 #9: times in seconds, microseconds, the far future or off the grid are refused at file:line", async () => {
    const dir = scratchDir();
    const now = Date.UTC(2025, 6, 1);
    const seconds = Math.floor(t(3) / 1000);
    const cases: Record<string, string> = {
      "S-1h.csv": csv(bar(1), `${seconds},1,2,0.5,1.5,10`),
      "U-1h.csv": csv(bar(1), bar(2), `${t(3) * 1000},1,2,0.5,1.5,10`),
      "X-1h.csv": csv(bar(1), "100000000000000000000,1,2,0.5,1.5,10"),
      "Y-1h.csv": csv(bar(1), `${now + 30 * 86_400_000},1,2,0.5,1.5,10`),
      "G-1h.csv": csv(bar(1), `${t(2) + 60_000},1,2,0.5,1.5,10`),
      "Z-funding-1h.csv": `time_ms,funding_rate\n${t(1) + 54},0.0000125\n${(t(2) + 61) * 1000},0.0000125\n`,
    };
    for (const [name, body] of Object.entries(cases)) writeFileSync(join(dir, name), body);
    const db = openLedger(join(scratchDir(), "l.db"));
    const summary = await importDirectory(db, dir, { clock: { now: () => now } });
    const byFile = Object.fromEntries(
      summary.failed.map((f) => [f.error.location.split("/").at(-1), f.error.message]),
    );
    expect(Object.keys(byFile).sort()).toEqual([
      "G-1h.csv:3",
      "S-1h.csv:3",
      "U-1h.csv:4",
      "X-1h.csv:3",
      "Y-1h.csv:3",
      "Z-funding-1h.csv:3",
    ]);
    expect(byFile["S-1h.csv:3"]).toContain("looks like seconds");
    expect(byFile["U-1h.csv:4"]).toContain("looks like microseconds");
    expect(byFile["Z-funding-1h.csv:3"]).toContain("looks like microseconds");
    expect(byFile["X-1h.csv:3"]).toContain("outside 2010-01-01 .. 2025-07-02");
    expect(byFile["G-1h.csv:3"]).toContain("not on the 60-minute grid");
    expect(summary.added).toBe(0);
    db.close();
  });

  test("issue 14 #11: a conflicting re-import and two funding events in one hour are conflicts, not 'already present'", async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "ETH-1h.csv"), csv(bar(1), bar(2), bar(3)));
    writeFileSync(join(dir, "ETH-funding-1h.csv"), `time_ms,funding_rate\n${t(1) + 54},0.0000125\n`);
    const db = openLedger(join(scratchDir(), "l.db"));
    const first = await importDirectory(db, dir);
    expect([first.added, first.duplicates, first.conflicts]).toEqual([4, 0, 0]);

    const again = await importDirectory(db, dir);
    expect([again.added, again.duplicates, again.conflicts]).toEqual([0, 4, 0]);

    // A revised bar 2, a new bar 4; a second event in hour 1 (and a new hour 2).
    writeFileSync(join(dir, "ETH-1h.csv"), csv(bar(1), bar(2, 1.6), bar(3), bar(4)));
    writeFileSync(
      join(dir, "ETH-funding-1h.csv"),
      `time_ms,funding_rate\n${t(1) + 54},0.0000125\n${t(1) + 1_800_000},0.00002\n${t(2) + 80},0.00001\n`,
    );
    const revised = await importDirectory(db, dir);
    expect([revised.added, revised.duplicates, revised.conflicts]).toEqual([2, 3, 2]);
    const [candleFile, fundingFile] = revised.files;
    expect(candleFile).toMatchObject({ rows: 4, added: 1, duplicates: 2, conflicts: 1 });
    expect(candleFile!.firstConflict).toBe(`${join(dir, "ETH-1h.csv")}:3: close 1.5 stored, 1.6 given`);
    expect(fundingFile).toMatchObject({ rows: 3, added: 1, duplicates: 1, conflicts: 1 });
    expect(fundingFile!.firstConflict).toBe(
      `${join(dir, "ETH-funding-1h.csv")}:3: event_t ${t(1) + 54} stored, ${t(1) + 1_800_000} given; rate 0.0000125 stored, 0.00002 given`,
    );
    // The stored rows are kept as they were.
    expect(new CandlesRepo(db).list("ETH", "1h")[1]!.close).toBe(1.5);
    expect(new FundingRepo(db).list("ETH")[0]).toMatchObject({ eventT: t(1) + 54, rate: 0.0000125 });
    db.close();
  });
});

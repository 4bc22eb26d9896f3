// The import's parse worker: every file of the real data set comes back exactly once, in list order,
// as the same parse the main thread would make, and the summary lists files in directory order.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { parseImportFile } from "../../src/market/import-parse.ts";
import { parseFiles } from "../../src/market/import-pool.ts";
import { importDirectory, listBookFiles, listDataFiles } from "../../src/market/importer.ts";
import type { ImportFile } from "../../src/market/parse-protocol.ts";
import { marketTimeWindow } from "../../src/market/time-window.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

test("parseFiles yields each file once, equal to parsing it on this thread", async () => {
  const files: ImportFile[] = [
    ...listDataFiles(HL_DATA).data.filter((f) => f.coin === "BTC" || f.coin === "ETH"),
    ...listBookFiles(HL_DATA),
  ];
  const window = marketTimeWindow(Date.parse("2026-01-01T00:00Z"));
  const seen = new Map<number, unknown>();
  for await (const { index, reply } of parseFiles(files, window)) {
    expect(index).toBe(seen.size);
    seen.set(index, reply);
  }
  expect([...seen.keys()].sort((a, b) => a - b)).toEqual(files.map((_, i) => i));
  for (const [i, reply] of seen) expect(reply).toEqual(parseImportFile({ id: i, file: files[i]!, window }));
}, 60_000);

test("the summary lists files in directory order", async () => {
  const db = openLedger(join(scratchDir(), "order.db"));
  const s = await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "SOL"]) });
  const expected = listDataFiles(HL_DATA)
    .data.filter((f) => f.coin === "BTC" || f.coin === "SOL")
    .map((f) => f.path);
  expect(s.files.map((f) => f.file)).toEqual(expected);
  expect(s.books.files.map((f) => f.file)).toEqual(listBookFiles(HL_DATA).map((f) => f.path));
  db.close();
}, 60_000);

// The ledger-backed depth source equals the in-memory one on the real BTC hour stored as the
// recorder stores it (20 levels as numbers): same books walked, same fitted model.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { openLedger } from "../../../src/ledger/open.ts";
import { BookSnapshotsRepo } from "../../../src/ledger/repos/book-snapshots.ts";
import { CandlesRepo } from "../../../src/ledger/repos/candles.ts";
import { parseCandleColumns } from "../../../src/market/csv-files.ts";
import { toSnapshotRow } from "../../../src/sim/depth/depth-book.ts";
import { quoteSlippage } from "../../../src/sim/depth/depth-slippage.ts";
import { parseL2BookCsv } from "../../../src/sim/depth/l2book-csv.ts";
import { LedgerDepth } from "../../../src/sim/depth/ledger-depth.ts";
import { MemoryDepth } from "../../../src/sim/depth/memory-depth.ts";
import { v5 } from "../../../src/sim/models/v5.ts";
import { HL_DATA } from "../../support/paths.ts";

const settings = v5.depth!;
const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
const cols = parseCandleColumns(join(HL_DATA, "BTC-4h.csv.gz"));
const db = openLedger(":memory:");
new BookSnapshotsRepo(db).insertMany(books.map(toSnapshotRow));
new CandlesRepo(db).insertColumns("BTC", "4h", cols);

describe("LedgerDepth", () => {
  const ledger = LedgerDepth.fit(db, ["BTC", "ETH"], Number.MAX_SAFE_INTEGER, settings, 5);
  const memory = MemoryDepth.fit(new Map([["BTC", books]]), new Map([["BTC", cols]]), settings, 5);

  test("coverage of the stored hour: 5587 snapshots, 20 levels each", () => {
    expect(new BookSnapshotsRepo(db).coverage()).toEqual([
      {
        coin: "BTC",
        snapshots: 5587,
        withLevels: 5587,
        from: books[0]!.t,
        to: books.at(-1)!.t,
        minLevels: 20,
        maxLevels: 20,
      },
    ]);
  });

  test("the same impact model as from the file, and none for a coin without books", () => {
    expect(ledger.model("BTC")).toEqual(memory.model("BTC"));
    expect(ledger.model("ETH")).toBeNull();
  });

  test("fills are quoted identically (book, impact and flat)", () => {
    for (const t of [books[0]!.t - 1, books[0]!.t, books[2000]!.t + 500, books.at(-1)!.t + 200_000]) {
      for (const coin of ["BTC", "ETH"]) {
        const req = { coin, side: "sell" as const, size: 3, t, px: 42_700 };
        expect(quoteSlippage(req, ledger, settings, 5)).toEqual(quoteSlippage(req, memory, settings, 5));
      }
    }
  });
});

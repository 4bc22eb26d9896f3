// CandlesRepo.insertReport's fast paths count exactly what the upsert-and-count path counted: a
// single bar (the daemon's websocket sink) is added, a duplicate or a conflict without a savepoint;
// a batch into an empty range is added by an add-only insert, and a key repeated inside the batch is
// then a duplicate (same values) or a conflict (other values, the first kept).
import { expect, test } from "bun:test";
import { join } from "node:path";
import { openLedger } from "../../../src/ledger/open.ts";
import { type Candle, CandlesRepo } from "../../../src/ledger/repos/candles.ts";
import { scratchDir } from "../../support/paths.ts";

const bar = (t: number, close = 100): Candle => ({ t, open: 99, high: 101, low: 98, close, volume: 5 });
const cols = (rows: Candle[]) => ({
  t: Float64Array.from(rows, (r) => r.t),
  open: Float64Array.from(rows, (r) => r.open),
  high: Float64Array.from(rows, (r) => r.high),
  low: Float64Array.from(rows, (r) => r.low),
  close: Float64Array.from(rows, (r) => r.close),
  volume: Float64Array.from(rows, (r) => r.volume),
});

test("one bar: added, then a duplicate, then a conflict that keeps the stored bar", () => {
  const db = openLedger(join(scratchDir(), "c.db"));
  const repo = new CandlesRepo(db);
  expect(repo.insertReport("BTC", "1h", cols([bar(0)]))).toEqual({
    added: 1,
    duplicates: 0,
    conflicts: 0,
    firstConflict: null,
  });
  expect(repo.insertReport("BTC", "1h", cols([bar(0)]))).toEqual({
    added: 0,
    duplicates: 1,
    conflicts: 0,
    firstConflict: null,
  });
  const r = repo.insertReport("BTC", "1h", cols([bar(0, 107)]));
  expect([r.added, r.duplicates, r.conflicts, r.firstConflict?.index]).toEqual([0, 0, 1, 0]);
  expect(repo.list("BTC", "1h").map((c) => c.close)).toEqual([100]);
});

test("a batch into an empty range: repeated keys are duplicates or conflicts, the first row kept", () => {
  const db = openLedger(join(scratchDir(), "c.db"));
  const repo = new CandlesRepo(db);
  const rows = [bar(0), bar(3_600_000), bar(0), bar(7_200_000), bar(3_600_000, 120)];
  const r = repo.insertReport("ETH", "1h", cols(rows));
  expect([r.added, r.duplicates, r.conflicts, r.firstConflict?.index]).toEqual([3, 1, 1, 4]);
  expect(repo.list("ETH", "1h").map((c) => c.close)).toEqual([100, 100, 100]);
  // A partly stored range goes through the upsert-and-count path: one new, one duplicate, one conflict.
  const again = repo.insertReport("ETH", "1h", cols([bar(7_200_000), bar(10_800_000), bar(0, 90)]));
  expect([again.added, again.duplicates, again.conflicts]).toEqual([1, 1, 1]);
  // A batch of more than one statement's rows (64) into an empty range.
  const many = Array.from({ length: 150 }, (_, i) => bar(i * 900_000));
  expect(repo.insertReport("SOL", "15m", cols(many)).added).toBe(150);
  expect(repo.insertReport("SOL", "15m", cols(many)).duplicates).toBe(150);
});

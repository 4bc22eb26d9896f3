// The candle inbox (migration v11): the daemon's websocket sink writes closed bars here and folds
// them into `candles` at a quiet moment. A bar `candles` holds is never added; a key both tables hold
// keeps `candles`' bar; a writer's open folds what a crashed daemon left, before anything reads it.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { openLedger } from "../../../src/ledger/open.ts";
import { CandleInbox } from "../../../src/ledger/repos/candle-inbox.ts";
import { type Candle, CandlesRepo } from "../../../src/ledger/repos/candles.ts";
import { scratchDir } from "../../support/paths.ts";

const M15 = 900_000;
const bar = (k: number, close = 100 + k): Candle => ({
  t: k * M15,
  open: 100,
  high: 110 + k,
  low: 90,
  close,
  volume: 5 + k,
});

describe("CandleInbox", () => {
  test("adds only keys neither table holds; fold moves them into candles and empties the inbox", () => {
    const db = openLedger(":memory:");
    const candles = new CandlesRepo(db);
    const inbox = new CandleInbox(db);
    candles.insertMany("BTC", "15m", [bar(0), bar(1)]);
    expect(inbox.addMany("BTC", "15m", [bar(1, 999), bar(2), bar(3)])).toBe(2); // bar 1 is stored
    expect(inbox.addMany("BTC", "15m", [bar(3, 999)])).toBe(0); // already waiting
    expect(inbox.lastTime("BTC", "15m")).toBe(3 * M15);
    expect(inbox.lastTime("ETH", "15m")).toBeNull();
    expect(inbox.list("BTC", "15m", 0, 3 * M15)).toEqual([bar(2)]);
    expect(inbox.pending()).toBe(true);
    const r = inbox.fold();
    expect(r).toMatchObject({ rows: 2, moved: 2 });
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect(inbox.pending()).toBe(false);
    expect(candles.list("BTC", "15m")).toEqual([bar(0), bar(1), bar(2), bar(3)]);
    expect(inbox.fold()).toMatchObject({ rows: 0, moved: 0 });
    db.close();
  });

  test("a key both tables hold (another process wrote candles) keeps candles' bar", () => {
    const db = openLedger(":memory:");
    const candles = new CandlesRepo(db);
    const inbox = new CandleInbox(db);
    expect(inbox.addMany("BTC", "15m", [bar(5, 555)])).toBe(1);
    candles.insertMany("BTC", "15m", [bar(5)]);
    expect(inbox.fold()).toMatchObject({ rows: 1, moved: 0 });
    expect(candles.list("BTC", "15m")).toEqual([bar(5)]);
    db.close();
  });

  test("a writer's open folds bars a crashed daemon left in the inbox; a read-only open leaves them", () => {
    const path = join(scratchDir("hlbot-inbox-"), "ledger.db");
    const db = openLedger(path);
    new CandlesRepo(db).insertMany("BTC", "15m", [bar(0)]);
    new CandleInbox(db).addMany("BTC", "15m", [bar(1), bar(2)]);
    db.close(); // no fold: as if the process died here

    const reader = openLedger(path, { readonly: true });
    expect(new CandlesRepo(reader).lastTime("BTC", "15m")).toBe(0);
    reader.close();
    const writer = openLedger(path);
    expect(new CandlesRepo(writer).list("BTC", "15m")).toEqual([bar(0), bar(1), bar(2)]);
    expect(new CandleInbox(writer).pending()).toBe(false);
    writer.close();
  });
});

// The daemon's candles = `candles` + the inbox: reads through LiveCandles see bars waiting in the
// inbox (so the recorder never refetches them and the feed never skips them), merged in time order
// with `candles`' bar winning a shared key; REST writes go to `candles`, never over a waiting bar.
import { describe, expect, test } from "bun:test";
import { LiveCandles } from "../../src/daemon/live-candles.ts";
import { openLedger } from "../../src/ledger/open.ts";
import type { Candle } from "../../src/ledger/repos/candles.ts";

const H = 3_600_000;
const bar = (k: number, close = 100 + k): Candle => ({
  t: k * H,
  open: 1,
  high: 2,
  low: 0.5,
  close,
  volume: k,
});

describe("LiveCandles", () => {
  test("lastTime and list see both tables; a shared key reads candles' bar; fold leaves the same view", () => {
    const db = openLedger(":memory:");
    const live = new LiveCandles(db);
    expect(live.lastTime("ETH", "1h")).toBeNull();
    live.insertMany("ETH", "1h", [bar(0), bar(2)]);
    expect(live.addClosed("ETH", "1h", [bar(3), bar(4)])).toBe(2);
    live.inbox.addMany("ETH", "1h", [bar(1)]); // interleaved in time with candles' rows
    // REST raced the sink: its bar 4 is skipped (the inbox's is the one the tick saw), bar 5 is new.
    expect(live.insertMany("ETH", "1h", [bar(4, 444), bar(5)])).toBe(1);
    live.table.insertMany("ETH", "1h", [bar(3, 333)]); // another process wrote candles directly
    expect(live.lastTime("ETH", "1h")).toBe(5 * H);
    const view = [bar(0), bar(1), bar(2), bar(3, 333), bar(4), bar(5)];
    expect(live.list("ETH", "1h")).toEqual(view);
    expect(live.list("ETH", "1h", H, 4 * H)).toEqual(view.slice(1, 4));
    expect(live.table.list("ETH", "1h")).toEqual([bar(0), bar(2), bar(3, 333), bar(5)]);
    expect(live.fold()).toMatchObject({ rows: 3, moved: 2 });
    expect(live.list("ETH", "1h")).toEqual(view);
    expect(live.lastTime("ETH", "1h")).toBe(5 * H);
    expect(live.fold()).toBeNull(); // nothing written since: not even a probe
    db.close();
  });
});

// The live feed's two rules on real BTC candles: the websocket only extends stored history without a
// gap (never a forming bar), and the engine only sees bars closed since its cursor — the late ones to
// warm, the fresh ones to trade — with funding handed over once per hour.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { CandleSink } from "../../src/daemon/candle-sink.ts";
import { LiveCandles } from "../../src/daemon/live-candles.ts";
import { LiveFeed } from "../../src/daemon/live-feed.ts";
import { MidPath } from "../../src/daemon/mid-path.ts";
import { SeriesSet } from "../../src/daemon/series.ts";
import type { Candle as WsCandle } from "../../src/hyperliquid/schemas/market.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { parseCandleFile } from "../../src/market/csv-files.ts";
import { HL_DATA } from "../support/paths.ts";

const M15 = 900_000;
const real = parseCandleFile(join(HL_DATA, "BTC-15m.csv.gz"));
const at = real.findIndex((c) => c.t === Date.parse("2025-06-02T00:00:00Z"));
const bars = real.slice(at, at + 12);

function ws(c: (typeof bars)[number]): WsCandle {
  const s = (x: number) => String(x);
  return {
    t: c.t,
    T: c.t + M15 - 1,
    s: "BTC",
    i: "15m",
    o: s(c.open),
    h: s(c.high),
    l: s(c.low),
    c: s(c.close),
    v: s(c.volume),
    n: 1,
  };
}

function setup() {
  const db = openLedger(":memory:");
  const candles = new LiveCandles(db);
  const series = new SeriesSet(["BTC"], ["15m"]);
  return { db, candles, funding: new FundingRepo(db), series, sink: new CandleSink(candles, series) };
}

describe("CandleSink", () => {
  test("stores closed websocket bars that continue the stored series, exactly as received", () => {
    const { candles, sink } = setup();
    candles.insertMany("BTC", "15m", bars.slice(0, 2));
    const now = bars[5]!.t + M15; // bar 5 closes now
    expect(sink.ingest([ws(bars[2]!), ws(bars[3]!), ws(bars[4]!), ws(bars[5]!)], now)).toBe(4);
    expect(candles.list("BTC", "15m")).toEqual(bars.slice(0, 6));
    // In the inbox until the daemon's next quiet moment; the daemon's reads see them already.
    expect(candles.table.list("BTC", "15m")).toEqual(bars.slice(0, 2));
    expect(candles.lastTime("BTC", "15m")).toBe(bars[5]!.t);
    expect(candles.fold()).toMatchObject({ rows: 4, moved: 4 });
    expect(candles.table.list("BTC", "15m")).toEqual(bars.slice(0, 6));
    expect(candles.inbox.pending()).toBe(false);
    expect(candles.fold()).toBeNull();
  });

  test("never a bar still forming, never across a gap, never into an empty series or an unknown one", () => {
    const { candles, sink } = setup();
    expect(sink.ingest([ws(bars[0]!)], bars[0]!.t + M15)).toBe(0); // empty: the top-up/recorder starts it
    candles.insertMany("BTC", "15m", bars.slice(0, 2));
    expect(sink.ingest([ws(bars[2]!)], bars[2]!.t + M15 - 1)).toBe(0); // closes 1 ms later
    expect(sink.ingest([ws(bars[3]!), ws(bars[4]!)], bars[6]!.t)).toBe(0); // bar 2 missing: REST fetches 2..4
    expect(sink.ingest([{ ...ws(bars[2]!), s: "ETH" }], bars[6]!.t)).toBe(0);
    expect(candles.lastTime("BTC", "15m")).toBe(bars[1]!.t);
    // The recorder filled the gap behind the sink's back: the sink re-reads the ledger and goes on.
    candles.insertMany("BTC", "15m", bars.slice(2, 4));
    expect(sink.ingest([ws(bars[4]!)], bars[6]!.t)).toBe(1);
  });
});

describe("LiveFeed", () => {
  test("hands over the bars closed since the cursor — late ones to warm only — and moves the cursor", () => {
    const { candles, funding, series } = setup();
    candles.insertMany("BTC", "15m", bars);
    const mids = new MidPath(["BTC"]);
    mids.sample({ BTC: "105000.5" });
    const feed = new LiveFeed({ candles, funding }, series, mids, 30 * 60_000);
    const now = bars[11]!.t + M15 + 10_000; // every bar closed; the last 10 s ago
    const cursors = { bars: { "BTC|15m": bars[3]!.t }, funding: {} };
    const tick = feed.next(now, cursors);
    // Closed more than 30 min ago (bar 9 closed 30 min 10 s ago): warm only.
    expect(tick.late.map((b) => b.candle.t)).toEqual(bars.slice(4, 10).map((c) => c.t));
    expect(tick.view.closedBars.map((b) => b.candle.t)).toEqual(bars.slice(10, 12).map((c) => c.t));
    expect(tick.cursors.bars["BTC|15m"]).toBe(bars[11]!.t);
    expect(cursors.bars["BTC|15m"]).toBe(bars[3]!.t); // unchanged until the tick commits
    expect(tick.view.price("BTC")).toBe(105000.5);
    expect(feed.next(now + 20_000, tick.cursors).view.closedBars).toEqual([]);
  });

  test("bars the sink just stored are handed over from memory, identical to the ledger's; a partial cover reads the ledger", () => {
    const { candles, funding, series, sink } = setup();
    candles.insertMany("BTC", "15m", bars.slice(0, 4));
    const now = bars[7]!.t + M15 + 10_000;
    sink.ingest(bars.slice(4, 8).map(ws), now);
    const stored = sink.takeStored();
    expect(stored.get("BTC|15m")).toEqual(bars.slice(4, 8));
    expect(sink.takeStored().size).toBe(0);
    const feed = new LiveFeed({ candles, funding }, series, new MidPath(["BTC"]), 900_000);
    const cursors = { bars: { "BTC|15m": bars[3]!.t }, funding: {} };
    const fromLedger = feed.next(now, cursors);
    expect(feed.next(now, cursors, stored).view.closedBars).toEqual(fromLedger.view.closedBars);
    // The memory covers only part of what is due (the recorder stored the rest): read the ledger.
    const partial = new Map([["BTC|15m", bars.slice(6, 8)]]);
    expect(feed.next(now, { bars: { "BTC|15m": bars[3]!.t }, funding: {} }, partial).view.closedBars).toEqual(
      fromLedger.view.closedBars,
    );
    // A row that was already in the ledger: its stored copy wins, the sink hands over nothing.
    sink.ingest([ws(bars[8]!)], bars[8]!.t + M15);
    candles.insertMany("BTC", "15m", [bars[9]!]);
    sink.ingest([ws(bars[9]!)], bars[9]!.t + M15);
    expect(sink.takeStored().get("BTC|15m")).toBeNull();
  });

  test("funding events once each, when their hour has passed", () => {
    const { candles, funding, series } = setup();
    const hour = Date.parse("2025-06-02T01:00:00Z");
    funding.insertMany("BTC", [
      { eventT: hour - 3_600_000 + 80, rate: 0.00001 },
      { eventT: hour + 80, rate: 0.00002 },
    ]);
    const feed = new LiveFeed({ candles, funding }, series, new MidPath(["BTC"]), 900_000);
    const first = feed.next(hour + 10_000, { bars: {}, funding: { BTC: hour - 3_600_000 } });
    expect(first.view.funding).toEqual([{ coin: "BTC", t: hour, rate: 0.00002, eventT: hour + 80 }]);
    expect(feed.next(hour + 40_000, first.cursors).view.funding).toEqual([]);
  });
});

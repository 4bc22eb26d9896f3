import { describe, expect, test } from "bun:test";
import type { ClosedBar } from "../../src/engine/ports.ts";
import { ReplayFeed } from "../../src/sim/replay-feed.ts";
import { realFunding, realSeries } from "../support/engine-harness.ts";

const T = (iso: string) => Date.parse(`${iso}Z`);
const from = T("2025-03-01T00:00");
const to = T("2025-03-04T00:00");

/** 15m bars for one coin on the last day only, 1h and 4h for two coins, hourly funding: mixed gaps. */
function data() {
  return {
    series: [
      realSeries("BTC", "1h", from, to),
      realSeries("BTC", "4h", from, to),
      realSeries("ETH", "1h", from, to),
      realSeries("ETH", "15m", T("2025-03-03T00:00"), to),
    ],
    funding: new Map([["BTC", realFunding("BTC", from, to)]]),
  };
}

function snapshot(feed: ReplayFeed, t: number) {
  const v = feed.view(t);
  const bars = v.closedBars.map((b: ClosedBar) => `${b.coin}/${b.interval}/${b.candle.t}/${b.candle.close}`);
  const segments = ["BTC", "ETH"].map((c) => {
    const s = v.segments.get(c);
    return s ? `${c}:${s.open}/${s.high}/${s.low}/${s.close}/${s.end}` : `${c}:-`;
  });
  return { t, bars, segments, funding: v.funding.map((f) => `${f.coin}/${f.t}`), btc: v.price("BTC") };
}

describe("ReplayFeed", () => {
  test("eventTimes() visits exactly the grid ticks that carry a bar or a funding hour, with the same views", () => {
    const all = new ReplayFeed(data());
    const busy = [...all.times()]
      .map((t) => snapshot(all, t))
      .filter((s, i) => i === 0 || s.bars.length > 0 || s.funding.length > 0);
    const events = new ReplayFeed(data());
    const seen = [...events.eventTimes()].map((t) => snapshot(events, t));
    expect(seen.length).toBeGreaterThan(70);
    expect(seen.length).toBeLessThan([...new ReplayFeed(data()).times()].length);
    expect(seen).toEqual(busy);
  });

  test("bars closing together come out finest first; a segment is the finest bar and lasts one tick", () => {
    const feed = new ReplayFeed(data());
    const t = T("2025-03-03T04:00");
    for (const x of feed.eventTimes()) if (x < t) feed.view(x);
    const v = feed.view(t);
    expect(v.closedBars.map((b) => `${b.coin}/${b.interval}`)).toEqual([
      "ETH/15m",
      "BTC/1h",
      "ETH/1h",
      "BTC/4h",
    ]);
    const eth15 = v.closedBars[0]!.candle;
    expect(v.segments.get("ETH")).toEqual({
      open: eth15.open,
      high: eth15.high,
      low: eth15.low,
      close: eth15.close,
      end: t,
    });
    expect(v.segments.get("BTC")?.end).toBe(t);
    const next = feed.view(t + 15 * 60_000);
    expect(next.closedBars.map((b) => `${b.coin}/${b.interval}`)).toEqual(["ETH/15m"]);
    expect(next.segments.get("BTC")).toBeUndefined();
    expect(next.segments.get("SOL")).toBeUndefined();
  });
});

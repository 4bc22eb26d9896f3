import { describe, expect, test } from "bun:test";
import { intervalMs } from "../../src/core/intervals.ts";
import type { ClosedBar } from "../../src/engine/ports.ts";
import { denseEventTimes, type EventStreams, mergedEventTimes } from "../../src/sim/event-times.ts";
import { ReplayFeed, type ReplaySeries } from "../../src/sim/replay-feed.ts";
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

  test("issue 14 #9: a bar centuries away costs memory for the bars, not for the time span", () => {
    /** data() with one more ETH 1h bar, opening at `far`. */
    const withBarAt = (far: number) => {
      const base = data();
      const eth = base.series[2]!;
      const n = eth.cols.t.length;
      const cols = Object.fromEntries(
        Object.entries(eth.cols).map(([k, v]) => {
          const out = new Float64Array(n + 1);
          out.set(v);
          out[n] = k === "t" ? far : v[n - 1]!;
          return [k, out];
        }),
      ) as unknown as ReplaySeries["cols"];
      return { ...base, series: [...base.series.slice(0, 2), { ...eth, cols }, base.series[3]!] };
    };
    const normal = [...new ReplayFeed(data()).eventTimes()];
    // A wrong-unit timestamp: a dense array over this span (1e14 slots) cannot even be allocated. Its
    // close lies past the last grid time of the span (float spacing at 1e20 is 16 s), so no tick shows it.
    expect([...new ReplayFeed(withBarAt(1e20)).eventTimes()]).toEqual(normal);
    // A far bar exactly on the grid (year ~32600) is one more tick, and the replay shows it there.
    const far = 3_600_000 * 2 ** 28;
    const feed = new ReplayFeed(withBarAt(far));
    const times = [...feed.eventTimes()];
    expect(times).toEqual([...normal, far + 3_600_000]);
    for (const t of normal) feed.view(t);
    expect(feed.view(far + 3_600_000).closedBars.map((b) => b.candle.t)).toEqual([far]);
  });

  test("issue 14 #9: the streaming merge and the dense slot array give the same ticks on real data", () => {
    const d = data();
    const feed = new ReplayFeed(d);
    const streams = (from: number): EventStreams => ({
      bars: d.series.map((s) => ({ t: s.cols.t, len: intervalMs(s.interval), from })),
      funding: [...d.funding.values()].map((rows) => ({ rows, from })),
    });
    for (const from of [0, 5]) {
      const dense = [...denseEventTimes(streams(from), feed.start, feed.end, feed.step)];
      expect(dense.length).toBeGreaterThan(70);
      expect([...mergedEventTimes(streams(from), feed.start, feed.end, feed.step)]).toEqual(dense);
    }
    // An end off the grid, and a start after the first events (both fold into the first tick).
    const end = feed.end - 7 * 60_000;
    const start = feed.start + 6 * 3_600_000;
    expect([...mergedEventTimes(streams(0), start, end, feed.step)]).toEqual([
      ...denseEventTimes(streams(0), start, end, feed.step),
    ]);
  });
});

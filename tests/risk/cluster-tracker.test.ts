// The tracker the engine would feed with closed bars answers what the stored candles give, from the
// bars closed by the start of the period only, however often it is asked.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseCandleColumns } from "../../src/market/csv-files.ts";
import { clusterSnapshotAt } from "../../src/risk/cluster-snapshot.ts";
import { ClusterTracker } from "../../src/risk/cluster-tracker.ts";
import { HL_DATA } from "../support/paths.ts";

const H = 3_600_000;
const COINS = ["BTC", "ETH", "SOL", "DOGE", "HYPE"];
const series = new Map(COINS.map((c) => [c, parseCandleColumns(join(HL_DATA, `${c}-1h.csv.gz`))]));
const settings = { barMs: H, windowBars: 48, minCorrelation: 0.7, minOverlap: 24, everyMs: 4 * H };

describe("ClusterTracker", () => {
  test("fed bar by bar, it equals the snapshot of the stored candles at each period start", () => {
    const tracker = new ClusterTracker(COINS, settings);
    const from = Date.parse("2025-03-01T00:00:00Z");
    const to = from + 10 * 24 * H;
    let checked = 0;
    // Ticks every hour: first the bars that closed by then, then the query (as the engine does).
    for (let now = from - 60 * H; now <= to; now += H) {
      for (const coin of COINS) {
        const c = series.get(coin)!;
        const i = c.t.indexOf(now - H);
        if (i >= 0) tracker.onBar(coin, c.t[i]!, c.close[i]!);
      }
      if (now < from) continue;
      const got = tracker.at(now + 17 * 60_000); // mid-period query time
      const want = clusterSnapshotAt(COINS, series, Math.floor(now / (4 * H)) * 4 * H, settings);
      expect(got.clusters).toEqual(want.clusters);
      expect(got.corr).toEqual(want.corr);
      checked++;
    }
    expect(checked).toBe(241);
  });

  test("one snapshot per period: asking twice, or later in the period, changes nothing", () => {
    const tracker = new ClusterTracker(COINS, settings);
    const end = Date.parse("2025-03-01T00:00:00Z");
    for (const coin of COINS) {
      const c = series.get(coin)!;
      for (let i = 0; i < c.t.length && c.t[i]! + H <= end + 3 * H; i++)
        tracker.onBar(coin, c.t[i]!, c.close[i]!);
    }
    const a = tracker.at(end);
    expect(tracker.at(end + 3 * H)).toBe(a); // same period, though 3 more bars arrived
    expect(a.end).toBe(end);
    expect(a).toEqual(clusterSnapshotAt(COINS, series, end, settings));
  });
});

import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseCandleColumns } from "../../src/market/csv-files.ts";
import { RollingClusters } from "../../src/research/cluster-labels.ts";
import { clusterSnapshotAt } from "../../src/risk/cluster-snapshot.ts";
import { HL_DATA } from "../support/paths.ts";

const H = 3_600_000;
const COINS = ["BTC", "ETH", "SOL", "HYPE"];
const series = new Map(COINS.map((c) => [c, parseCandleColumns(join(HL_DATA, `${c}-1h.csv.gz`))]));
const settings = { barMs: H, windowBars: 168, minCorrelation: 0.7, minOverlap: 84, everyMs: 6 * H };

describe("RollingClusters", () => {
  test("labels at t are the clusters of the period's start, cached per period", () => {
    const rc = new RollingClusters(COINS, series, settings);
    const t = Date.parse("2025-04-10T13:20:00Z");
    const start = Date.parse("2025-04-10T12:00:00Z");
    expect(rc.at(t)).toEqual(clusterSnapshotAt(COINS, series, start, settings));
    expect(rc.at(start + 6 * H - 1)).toBe(rc.at(t));
    expect(rc.labelAt("ETH", t)).toBe(rc.at(t).clusterOf("ETH"));
  });
});

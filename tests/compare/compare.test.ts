// compare on real-data runs: a backtest against its own rerun is identical; a copy of the ledger
// with one changed candle is found, and the differences are attributed to that coin and bar.

import type { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { compareSides } from "../../src/compare/diff.ts";
import { loadSide, overlap } from "../../src/compare/sides.ts";
import type { Config } from "../../src/config/schema.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { backtest, FROM, realLedger, testConfig } from "../explain/support.ts";

let dir = "";
let path = "";
let config: Config;
const window = { from: FROM, to: Date.parse("2025-02-01T00:00Z") };

beforeAll(async () => {
  ({ dir, path } = await realLedger());
  config = testConfig(dir);
}, 120_000);

function compare(dbA: Database, pathA: string, a: number, dbB: Database, pathB: string, b: number) {
  const sa = loadSide("A", dbA, pathA, a, config, null);
  const sb = loadSide("B", dbB, pathB, b, config, null);
  const w = overlap(sa.run, sb.run);
  return compareSides(loadSide("A", dbA, pathA, a, config, w), loadSide("B", dbB, pathB, b, config, w), w);
}

describe("hlbot compare", () => {
  test("a backtest and its rerun are identical", () => {
    const db = openLedger(path);
    const a = backtest(db, config, window);
    const b = backtest(db, config, window);
    const r = compare(db, path, a, db, path, b);
    db.close();
    expect(r.totals.decisions.a).toBeGreaterThan(100);
    expect(r.totals.trades.a).toBeGreaterThan(20);
    expect(r.differences).toEqual([]);
    expect(r.identical).toBe(true);
    expect(r.totals.decisions.matched).toBe(r.totals.decisions.a);
    expect(r.totals.trades.matched).toBe(r.totals.trades.a);
  }, 120_000);

  test("one changed candle in a copy of the ledger is found and attributed to that coin and bar", () => {
    const copy = join(dir, "copy.db");
    const db = openLedger(path);
    const a = backtest(db, config, window);
    db.close();
    copyFileSync(path, copy);
    const dbB = openLedger(copy);
    // ETH's 1h bar at 2025-01-10 12:00: a 3% higher close and high.
    const t = Date.parse("2025-01-10T12:00Z");
    dbB.run(
      "UPDATE candles SET close = close * 1.03, high = MAX(high, close * 1.03) WHERE coin = 'ETH' AND interval = '1h' AND t = ?1",
      [t],
    );
    const b = backtest(dbB, config, window);
    const dbA = openLedger(path);
    const r = compare(dbA, path, a, dbB, copy, b);
    dbA.close();
    dbB.close();
    expect(r.identical).toBe(false);
    expect(r.dataDifferences).toBe(1);
    expect(r.differences.length).toBeGreaterThan(0);
    const decisions = r.differences.filter((d) => d.what === "decision");
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) {
      expect(d.t, "no decision differs before the changed bar closed").toBeGreaterThanOrEqual(t + 3_600_000);
    }
    // Every difference — a decision, or a trade (on shadow of ETH, on live of any coin: one account) — is
    // attributed to the changed bar.
    for (const d of r.differences) {
      expect(d.cause, `${d.what} ${d.key}: ${d.detail}`).toBe("candle");
      expect(d.bar).toMatchObject({ coin: "ETH", interval: "1h", t });
    }
  }, 120_000);
});

// A backtest's results do not depend on the order the coins were listed in: coinsToLoad puts them in
// one canonical order (the default basket's, then alphabetical), so `--coins ETH,BTC` and
// `--coins BTC,ETH` — or `--coins all` and the default list — give the same ids, the same live
// account and the same figures. Before, bars closing together reached the engine in list order, and
// the live path sized simultaneous entries in that order: the same trades, another live PnL.
import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Config } from "../../src/config/schema.ts";
import {
  canonicalCoinOrder,
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

const COINS = ["SOL", "ETH", "DOGE", "BTC", "AVAX", "XRP"];
let dbPath = "";
let config: Config;

beforeAll(async () => {
  dbPath = join(scratchDir(), "order.db");
  const db = openLedger(dbPath);
  await importDirectory(db, HL_DATA, { coins: new Set(COINS) });
  db.close();
  config = loadConfig({ cwd: scratchDir(), env: {} }).config;
});

function run(coins: string[]) {
  const db = openLedger(dbPath);
  try {
    const r = runBacktest(db, {
      config,
      model: "v4",
      coins: coinsToLoad(config, coins),
      intervals: signalIntervals(config, null),
      from: Date.parse("2025-03-01T00:00Z"),
      to: Date.parse("2025-06-01T00:00Z"),
      warmupMs: warmupMs(config, null),
      mode: "both",
      ignoreCandidates: true,
      signals: createSignalSource(config, null, coins),
      store: false,
    });
    return JSON.stringify({ ...r, runId: null });
  } finally {
    db.close();
  }
}

describe("coin order", () => {
  test("the canonical order: the default basket's, then the rest alphabetically", () => {
    expect(canonicalCoinOrder(["ZZZ", "SOL", "AAA", "BTC", "ETH"])).toEqual([
      "BTC",
      "ETH",
      "SOL",
      "AAA",
      "ZZZ",
    ]);
    expect(coinsToLoad(config, ["SOL", "ETH"])).toEqual(["BTC", "ETH", "SOL"]); // the regime's BTC too
  });

  test("the same backtest, coins listed in three orders: identical results", () => {
    const a = run(COINS);
    expect(run([...COINS].reverse())).toBe(a);
    expect(run([...COINS].sort())).toBe(a);
    const parsed = JSON.parse(a);
    expect(parsed.live.overall.trades).toBeGreaterThan(10);
    expect(parsed.shadow.overall.trades).toBeGreaterThan(100);
  }, 120_000);
});

/**
 * The stored backtests whose ledger rows are pinned by tests/fixtures/stored-run-golden.json: every
 * coin of ../shared/data/hyperliquid over the whole window on both paths (live trading every bucket,
 * so both paths open, scale out, trail, get liquidated and pay funding), then a shadow-only run of
 * two coins into the same ledger, so its ids start after the first run's. Regenerate the fixture
 * only for an intended change of the results: `bun tests/sim/support/golden-runs.ts --write`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../../src/config/loader.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../../src/engine/signal-source.ts";
import { openLedger } from "../../../src/ledger/open.ts";
import { importDirectory } from "../../../src/market/importer.ts";
import { type BacktestMode, runBacktest } from "../../../src/sim/backtest.ts";
import { ledgerCoins } from "../../../src/sim/backtest-data.ts";
import { ledgerSpans, resolveWindow } from "../../../src/sim/backtest-window.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../../support/paths.ts";
import { jsonDigest, type StoredRunDigest, storedRunDigest } from "./stored-run-digest.ts";

export const GOLDEN_FILE = join(REPO_ROOT, "tests", "fixtures", "stored-run-golden.json");

export interface GoldenRun {
  label: string;
  runId: number;
  result: string;
  stored: StoredRunDigest;
}

export async function goldenRuns(): Promise<GoldenRun[]> {
  const dir = scratchDir("hlbot-golden-");
  const db = openLedger(join(dir, "golden.db"));
  await importDirectory(db, HL_DATA);
  const { config } = loadConfig({ cwd: dir, env: {} });
  const run = (
    label: string,
    coins: string[],
    mode: BacktestMode,
    ignoreCandidates: boolean,
    range?: [string, string],
  ) => {
    const intervals = signalIntervals(config, null);
    const warmup = warmupMs(config, null);
    const { from, to, warnings } = resolveWindow(
      ledgerSpans(db, coinsToLoad(config, coins), intervals),
      coins,
      range ? Date.parse(range[0]) : null,
      range ? Date.parse(range[1]) : null,
      warmup,
    );
    const result = runBacktest(db, {
      config,
      model: "v4",
      coins: coinsToLoad(config, coins),
      intervals,
      from,
      to,
      warmupMs: warmup,
      mode,
      ignoreCandidates,
      signals: createSignalSource(config, null, coins),
      store: true,
      params: { strategies: null },
      command: "golden",
      warnings,
    });
    const runId = result.runId ?? 0;
    return { label, runId, result: jsonDigest(result), stored: storedRunDigest(db, runId) };
  };
  const out = [
    run("all coins, both paths, every bucket live", ledgerCoins(db), "both", true),
    run("BTC+ETH, shadow, 2025-01 → 2025-06", ["BTC", "ETH"], "shadow", false, [
      "2025-01-01T00:00Z",
      "2025-06-01T00:00Z",
    ]),
  ];
  db.close();
  return out;
}

if (import.meta.main && process.argv.includes("--write")) {
  const runs = await goldenRuns();
  writeFileSync(GOLDEN_FILE, `${JSON.stringify(runs, null, 2)}\n`);
  console.log(`wrote ${GOLDEN_FILE}`);
}

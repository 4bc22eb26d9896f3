/**
 * The data a sweep, walk-forward or daemon session read, as its run stores it: the same hash a
 * single backtest computes for that window (src/sim/backtest-data.ts, plus the recorded books' digest
 * under a depth model) and the coverage of each series inside the window.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Interval } from "../core/intervals.ts";
import { FeaturePipeline } from "../market/features/pipeline.ts";
import { backtestDataRequest, replayCoverage } from "../sim/backtest.ts";
import { loadReplayData } from "../sim/backtest-data.ts";
import { ledgerDepthSlippage } from "../sim/depth/ledger-depth.ts";
import { getModel, resolveModel } from "../sim/models/index.ts";
import { recordCoverage } from "./provenance.ts";

export interface RunDataWindow {
  model: string;
  coins: string[];
  intervals: Interval[];
  from: number;
  to: number;
  warmupMs: number;
}

/** Hashes the window's data and stores hash and coverage on run `runId`; returns the hash. */
export function recordRunData(db: Database, runId: number, config: Config, w: RunDataWindow): string {
  const data = loadReplayData(db, backtestDataRequest(w));
  const model = resolveModel(getModel(w.model), config.friction, config.exits);
  const depth = ledgerDepthSlippage(db, model, w.coins, w.to);
  const hash = depth ? `${data.hash}+${depth.digest}` : data.hash;
  db.prepare("UPDATE backtest_runs SET data_hash = ?2 WHERE id = ?1").run(runId, hash);
  const window = { from: w.from, to: w.to };
  recordCoverage(db, runId, replayCoverage(data, window, FeaturePipeline.warmupBars(config.features)));
  return hash;
}

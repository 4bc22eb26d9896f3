/**
 * One `hlbot mine` run: reads the closed shadow trades of one model version and source, builds one
 * deduplicated sample per bucket (post-demotion windows for demoted buckets), evaluates the whole
 * family, and records a mining_runs row plus one bucket_stats row per bucket in one transaction.
 * An unfinished backtest run (killed: no finished_at) is refused, never mined.
 * Deterministic given the ledger, the data cutoff and the seed.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import { VOL_BUCKETS } from "../engine/vol-bucket.ts";
import { BucketStatesRepo } from "../ledger/repos/bucket-states.ts";
import { BucketStatsRepo } from "../ledger/repos/bucket-stats.ts";
import { MiningRunsRepo } from "../ledger/repos/mining-runs.ts";
import type { ShadowTradeSource } from "../ledger/repos/shadow-trades.ts";
import { BucketCodes, knownBucketValues } from "./bucket-codes.ts";
import { readClosedSamples } from "./closed-samples.ts";
import { evaluateSamples, type FamilyResult } from "./family.ts";
import { CODE_VERSION, gateConfigHash, sha256, tradeSource, tradesSha256 } from "./provenance.ts";
import { refuseUnfinishedRun } from "./unfinished-run.ts";

export interface MineOptions {
  clock: Clock;
  /** Model name or literal sim_model_version (default: config friction.model, resolved). */
  model?: string;
  /** Source run: 0 = the daemon's shadow trades (default), N > 0 = backtest run N. */
  runId?: number;
  /** Bootstrap seed (default: config mining.seed). */
  seed?: number;
}

export interface MiningRunParams {
  data_until: number;
  source: { model: string; run_id: number };
  seed: number;
  config: Config["mining"];
  probation_size_multiplier: number;
  /** Buckets whose sample starts after their last demotion: key → demoted_at. */
  window_from: Record<string, number>;
  /** The family F: every eligible bucket, sorted. */
  family: string[];
  family_sha256: string;
  trials: FamilyResult["trials"];
}

export interface MineResult {
  /** null when the source has no closed trades (nothing was written). */
  miningRunId: number | null;
  source: ShadowTradeSource;
  dataUntil: number;
  nTrades: number;
  result: FamilyResult;
  params: MiningRunParams;
  trades_sha256: string;
}

export function runMining(db: Database, config: Config, options: MineOptions): MineResult {
  const source = tradeSource(config, options);
  refuseUnfinishedRun(db, source.runId, "not mined");
  const seed = options.seed ?? config.mining.seed;
  const dataUntil = options.clock.now();
  const windowFrom = new Map<string, number>();
  const states = new BucketStatesRepo(db).all();
  for (const s of states) {
    if (s.state === "SHADOW" && s.monitor.demoted_at !== null)
      windowFrom.set(s.bucket_key, s.monitor.demoted_at);
  }
  const statsRepo = new BucketStatsRepo(db);
  const history = statsRepo.evaluatedByStrategy();
  const codes = new BucketCodes(knownBuckets(config, states, history));
  const { ids, samples } = readClosedSamples(db, source, dataUntil, windowFrom, codes);
  const result = evaluateSamples(samples, history, { ...config.mining, seed });
  const params: MiningRunParams = {
    data_until: dataUntil,
    source: { model: source.model, run_id: source.runId },
    seed,
    config: config.mining,
    probation_size_multiplier: config.risk.probation_size_multiplier,
    window_from: Object.fromEntries([...windowFrom].filter(([k]) => samples.some((s) => s.key === k))),
    family: result.family,
    family_sha256: sha256(result.family.join("\n")),
    trials: result.trials,
  };
  const nTrades = ids.length;
  const hash = tradesSha256(ids);
  const base = { source, dataUntil, nTrades, result, params, trades_sha256: hash };
  if (nTrades === 0) return { ...base, miningRunId: null };

  const runs = new MiningRunsRepo(db);
  let miningRunId = 0;
  db.transaction(() => {
    miningRunId = runs.insert({
      t: dataUntil,
      sim_model_version: source.model,
      source_run_id: source.runId,
      n_trades: nTrades,
      n_buckets: result.buckets.length,
      trades_sha256: hash,
      config_hash: gateConfigHash(config),
      code_version: CODE_VERSION,
      seed,
      params: JSON.stringify(params),
    });
    statsRepo.insertMany(miningRunId, result.buckets);
  }).immediate();
  return { ...base, miningRunId };
}

/** Values the bucket-key columns usually hold: the enums, the configured names, the known buckets. */
function knownBuckets(
  config: Config,
  states: readonly { bucket_key: string }[],
  history: ReadonlyMap<string, ReadonlySet<string>>,
): string[][] {
  const keys: string[] = states.map((s) => s.bucket_key);
  for (const set of history.values()) keys.push(...set);
  return knownBucketValues(keys, [
    Object.keys(config.strategies),
    ["long", "short"],
    config.sessions.windows.map((w) => w.name),
    ["Long", "Short", "Neutral"],
    VOL_BUCKETS,
  ]);
}

/**
 * The prediction-market regime source, wired: what the daemon (live) and the backtest (replay) will
 * construct. Live: a PolymarketClient polled by a PredictionMarketSource whose every received price
 * is recorded in prediction_snapshots. Replay: the same score computed from those rows as of t.
 * Both are RiskScoreSource; sizeMultiplier / crisisBlock turn a reading into the risk rules' inputs.
 */
import type { Database } from "bun:sqlite";
import type { PredictionMarketsConfig } from "../config/sections/prediction-markets.ts";
import type { Clock } from "../core/clock.ts";
import { PolymarketClient } from "./polymarket-client.ts";
import { PredictionReplay } from "./replay.ts";
import { PredictionSnapshotsRepo } from "./snapshots-repo.ts";
import { PredictionMarketSource } from "./source.ts";

export { PredictionReplay } from "./replay.ts";
export { crisisBlock, type RiskReading, type RiskScoreSource, sizeMultiplier } from "./risk-score.ts";
export { PredictionMarketSource } from "./source.ts";

/** The live source recording into `db`, or null when the section is disabled. */
export function livePredictionSource(
  cfg: PredictionMarketsConfig,
  db: Database,
  clock: Clock,
  fetchImpl?: typeof fetch,
): PredictionMarketSource | null {
  if (!cfg.enabled) return null;
  const repo = new PredictionSnapshotsRepo(db);
  const client = new PolymarketClient({ baseUrl: cfg.base_url, timeoutMs: cfg.timeout_ms, fetch: fetchImpl });
  return new PredictionMarketSource(cfg, client, clock, (s) => repo.insertMany([s]));
}

/** The replayed source over the recorded snapshots of [from, to], or null when disabled. */
export function replayPredictionSource(
  cfg: PredictionMarketsConfig,
  db: Database,
  from?: number,
  to?: number,
): PredictionReplay | null {
  return cfg.enabled ? new PredictionReplay(new PredictionSnapshotsRepo(db), cfg, from, to) : null;
}

/**
 * The regime port: everything the engine asks about the market's regime, behind one interface.
 *  - direction(coin): Long | Short | Neutral from the BTC classifier (regime.scope "btc": the
 *    reference coin's bias and trend for every coin) or the per-asset classifier (scope "per_asset":
 *    each coin's own), both in the signal engine's feature pipelines (src/engine/regime.ts);
 *  - risk(t): the prediction-market source's reading (src/regime-sources/), null when it is off.
 *    Live it is the last snapshot received (fetched off the tick, `refresh()` only STARTS the polls
 *    that are due and never waits), counted only while no older than max_age_seconds; in a backtest
 *    it is the recorded prediction_snapshots replayed as of t.
 * The risk rules that read it (regime-adjusted sizing, the crisis block) are in src/risk/regime-risk.ts.
 */
import type { PredictionMarketsConfig } from "../config/sections/prediction-markets.ts";
import type { Regime } from "../core/bucket.ts";
import type { RiskReading, RiskScoreSource } from "./risk-score.ts";

export interface RegimePort {
  direction(coin: string): Regime;
  risk(t: number): RiskReading | null;
  /** Starts the background refreshes that are due (live); returns at once. */
  refresh(): void;
}

/** A risk source the engine can poll: the live source polls, the replay has nothing to fetch. */
export type PolledRiskSource = RiskScoreSource & { poll?(): number };

/** The prediction-market source with the config its risk rules read. */
export interface RiskRegime {
  source: PolledRiskSource;
  config: PredictionMarketsConfig;
}

/** The port over a directional classifier and an optional risk source. */
export function regimePort(direction: (coin: string) => Regime, risk: RiskRegime | null): RegimePort {
  return {
    direction,
    risk: (t) => (risk ? risk.source.riskScoreAt(t) : null),
    refresh: () => {
      risk?.source.poll?.();
    },
  };
}

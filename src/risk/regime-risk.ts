/**
 * Regime risk rules on the live path (perp-bot's risk manager): with the prediction-market source on,
 * every new live entry is sized by the regime's multiplier (1 up to reduce_from, linear down to
 * min_multiplier at crisis_score) and refused in a crisis (reason `prediction_crisis`). No reading —
 * the source off, or every market's last price older than max_age_seconds — changes nothing: an
 * absent or stale source never blocks trading.
 */
import type { RiskReading, RiskScoreConfig } from "../regime-sources/risk-score.ts";
import { crisisBlock, sizeMultiplier } from "../regime-sources/risk-score.ts";

export const PREDICTION_CRISIS = "prediction_crisis";

export interface RegimeRiskVerdict {
  blocked: boolean;
  /** Applied on top of the gate's (probation) size multiplier. */
  sizeMultiplier: number;
  reading: RiskReading | null;
}

export const NO_REGIME_RISK: RegimeRiskVerdict = Object.freeze({
  blocked: false,
  sizeMultiplier: 1,
  reading: null,
});

export function regimeRisk(reading: RiskReading | null, cfg: RiskScoreConfig): RegimeRiskVerdict {
  if (reading === null) return NO_REGIME_RISK;
  return { blocked: crisisBlock(reading), sizeMultiplier: sizeMultiplier(reading.score, cfg), reading };
}

/**
 * From prediction-market prices to the numbers the engine's risk rules use (pure functions):
 *  - riskScore: the weighted mean, over configured markets with a price no older than
 *    max_age_seconds, of each market's risk probability (its price, or 1 − price when `invert`);
 *    null when no market has a fresh price. Crisis when the score reaches crisis_score or any market
 *    reaches its own crisis_at.
 *  - sizeMultiplier: 1 up to reduce_from, then linear down to min_multiplier at crisis_score (and
 *    beyond); 1 when there is no score (an absent source never changes sizing).
 *  - crisisBlock: whether new entries are blocked.
 */
import type { PredictionMarketsConfig } from "../config/sections/prediction-markets.ts";

/** The latest price known for one market and when hlbot received it (ms). */
export interface ObservedPrice {
  probability: number;
  t: number;
}

export interface MarketRisk {
  slug: string;
  /** Risk probability (after `invert`), null when the market has no fresh price. */
  risk: number | null;
  /** Age of its latest price at the reading time, ms (null: never seen). */
  ageMs: number | null;
}

export interface RiskReading {
  /** When the reading is taken (ms). */
  t: number;
  /** In [0, 1]; null when no market has a fresh price. */
  score: number | null;
  crisis: boolean;
  /** Age of the OLDEST price that went into the score, ms (null without a score). */
  ageMs: number | null;
  markets: MarketRisk[];
}

export type RiskScoreConfig = Pick<
  PredictionMarketsConfig,
  "markets" | "max_age_seconds" | "crisis_score" | "reduce_from" | "min_multiplier"
>;

/** Anything that can say what the risk score was at time t, from data known at t only. */
export interface RiskScoreSource {
  riskScoreAt(t: number): RiskReading;
}

export function riskScore(
  latest: (slug: string) => ObservedPrice | null,
  t: number,
  cfg: RiskScoreConfig,
): RiskReading {
  const maxAge = cfg.max_age_seconds * 1000;
  let sum = 0;
  let weights = 0;
  let oldest: number | null = null;
  let crisis = false;
  const markets: MarketRisk[] = [];
  for (const m of cfg.markets) {
    const p = latest(m.slug);
    const ageMs = p === null ? null : t - p.t;
    const fresh = p !== null && ageMs! >= 0 && ageMs! <= maxAge;
    const risk = fresh ? (m.invert ? 1 - p.probability : p.probability) : null;
    markets.push({ slug: m.slug, risk, ageMs });
    if (risk === null) continue;
    sum += m.weight * risk;
    weights += m.weight;
    oldest = Math.max(oldest ?? 0, ageMs!);
    if (m.crisis_at !== undefined && risk >= m.crisis_at) crisis = true;
  }
  const score = weights > 0 ? sum / weights : null;
  if (score !== null && score >= cfg.crisis_score) crisis = true;
  return { t, score, crisis, ageMs: score === null ? null : oldest, markets };
}

export function sizeMultiplier(score: number | null, cfg: RiskScoreConfig): number {
  if (score === null || score <= cfg.reduce_from) return 1;
  if (score >= cfg.crisis_score) return cfg.min_multiplier;
  const f = (score - cfg.reduce_from) / (cfg.crisis_score - cfg.reduce_from);
  return 1 - f * (1 - cfg.min_multiplier);
}

export function crisisBlock(reading: RiskReading | null): boolean {
  return reading?.crisis === true;
}

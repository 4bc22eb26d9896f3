/**
 * The prediction-market regime source (src/regime-sources/): Polymarket market prices for the
 * configured markets, polled off the tick, mapped to a risk score in [0, 1] and a crisis flag. Off by
 * default. The score is a weighted mean of each market's "risk probability" (the price of the
 * configured outcome, or 1 − it when that outcome is the calm one); sizing shrinks linearly from
 * `reduce_from` to `min_multiplier` at `crisis_score`, and a crisis blocks new entries.
 */
import * as z from "zod";

export const PredictionMarketSection = z.strictObject({
  /** Gamma market slug (the last part of the market's polymarket.com URL). */
  slug: z.string().min(1),
  /** Outcome whose price is read as a probability (binary markets: "Yes" or "No"). */
  outcome: z.string().min(1).default("Yes"),
  /** true when that outcome is the CALM one (risk = 1 − price), false when it is the risk event. */
  invert: z.boolean().default(false),
  /** Weight in the score (relative to the other markets with a fresh price). */
  weight: z.number().positive().default(1),
  /** This market alone flags a crisis when its risk probability reaches this (omit: only the score). */
  crisis_at: z.number().min(0).max(1).optional(),
});

export const PredictionMarketsSection = z
  .strictObject({
    /** Poll the source, record snapshots and expose the score (the engine's risk rules read it). */
    enabled: z.boolean().default(false),
    /** Polymarket's public Gamma API. */
    base_url: z.url().default("https://gamma-api.polymarket.com"),
    /** Longest wait for one market's response; the tick never waits for it at all. */
    timeout_ms: z.number().int().min(100).max(60_000).default(3000),
    /** Spacing of polls of each market. */
    poll_seconds: z.number().int().min(10).max(86_400).default(300),
    /** A market's last good price older than this no longer counts in the score. */
    max_age_seconds: z.number().int().min(10).default(3600),
    markets: z.array(PredictionMarketSection).default([]),
    /** Score at or above which the regime is a crisis (new entries blocked). */
    crisis_score: z.number().min(0).max(1).default(0.7),
    /** Score from which position size starts to shrink (multiplier 1 below it). */
    reduce_from: z.number().min(0).max(1).default(0.4),
    /** Size multiplier at (and above) crisis_score. */
    min_multiplier: z.number().min(0).max(1).default(0.25),
  })
  .refine((v) => v.reduce_from < v.crisis_score, {
    message: "reduce_from must be below crisis_score",
    path: ["reduce_from"],
  })
  .refine((v) => !v.enabled || v.markets.length > 0, {
    message: "enabled needs at least one market",
    path: ["markets"],
  })
  .refine((v) => new Set(v.markets.map((m) => m.slug)).size === v.markets.length, {
    message: "a market slug is listed twice",
    path: ["markets"],
  });

export type PredictionMarketsConfig = z.output<typeof PredictionMarketsSection>;
export type PredictionMarketConfig = z.output<typeof PredictionMarketSection>;

/**
 * How an open position is managed: partial take-profit, breakeven and trailing, shared by sim and live.
 * `strategies.<name>.exits` (StrategyExitsSection) overrides any of these levels for one strategy.
 */
import * as z from "zod";

export const ExitsSection = z.strictObject({
  /** Fraction of the position closed at the partial target. */
  partial_fraction: z.number().min(0).max(1).default(0.5),
  /** Partial target, in R (multiples of the entry-to-stop distance). */
  partial_at_r: z.number().positive().default(1.5),
  /** Move the stop to entry once the partial has filled. */
  breakeven_after_partial: z.boolean().default(true),
  /** Move the stop to entry once price has moved this many R in favour, partial or not (null: off). */
  breakeven_at_r: z.number().positive().nullable().default(null),
  /** Start trailing the stop once price has moved this many R in favour. */
  trail_from_r: z.number().positive().default(2.0),
  /** Trail distance, in R, behind the best price since the trail started. */
  trail_distance_r: z.number().positive().default(1.0),
});

export type ExitsConfig = z.output<typeof ExitsSection>;

/**
 * One strategy's exit levels; null (the default) inherits the global `exits.*` key. A set
 * trail_distance_r also wins over a strategy's own trail parameter (trend_alpha's live/shadow one).
 */
export const StrategyExitsSection = z.strictObject({
  partial_fraction: z.number().min(0).max(1).nullable().default(null),
  partial_at_r: z.number().positive().nullable().default(null),
  breakeven_after_partial: z.boolean().nullable().default(null),
  breakeven_at_r: z.number().positive().nullable().default(null),
  trail_from_r: z.number().positive().nullable().default(null),
  trail_distance_r: z.number().positive().nullable().default(null),
});

export type StrategyExitsConfig = z.output<typeof StrategyExitsSection>;

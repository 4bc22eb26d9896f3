/** How an open position is managed: partial take-profit, breakeven and trailing, shared by sim and live. */
import * as z from "zod";

export const ExitsSection = z.strictObject({
  /** Fraction of the position closed at the partial target. */
  partial_fraction: z.number().min(0).max(1).default(0.5),
  /** Partial target, in R (multiples of the entry-to-stop distance). */
  partial_at_r: z.number().positive().default(1.5),
  /** Move the stop to entry once the partial has filled. */
  breakeven_after_partial: z.boolean().default(true),
  /** Start trailing the stop once price has moved this many R in favour. */
  trail_from_r: z.number().positive().default(2.0),
  /** Trail distance, in R, behind the best price since the trail started. */
  trail_distance_r: z.number().positive().default(1.0),
});

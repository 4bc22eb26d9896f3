/** The live path: which buckets may trade real money and how orders are placed. */
import * as z from "zod";

export const LiveSection = z.strictObject({
  /** Promoted buckets (written by `hlbot promote`); a relative path resolves against the working directory. */
  candidates_path: z.string().min(1).default("config/live_candidates.json"),
  /** Lowest regime-adjusted score a live entry needs. */
  min_score: z.number().min(0).max(100).default(60),
  /** Strategies that only ever trade in shadow, whatever their buckets' statistics. */
  shadow_only_strategies: z.array(z.string()).default([]),
  /** Worst price an IOC entry accepts, basis points beyond the reference price. */
  entry_slippage_cap_bps: z.number().positive().max(500).default(30),
  /** What to do with a live position the ledger does not know: adopt it (and protect it) or flatten it. */
  unknown_position_policy: z.enum(["adopt", "flatten"]).default("adopt"),
  /** Smallest move (in R) for which a trailing stop is re-placed on the exchange (each move is 2 actions). */
  min_stop_move_r: z.number().min(0).max(1).default(0.1),
  /** Stop distance (fraction of entry) given to an adopted position that had no hlbot stop. */
  adopt_stop_fraction: z.number().positive().max(0.5).default(0.03),
  /** Seconds between reconciliations with the exchange while running. */
  reconcile_seconds: z.number().int().min(10).max(86_400).default(300),
});

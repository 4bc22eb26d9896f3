/** Market-data collection: `hlbot backfill` defaults and what the daemon's recorder keeps each tick. */
import * as z from "zod";

export const MarketDataSection = z.strictObject({
  /** Days of history `hlbot backfill` fetches for a series the ledger has nothing of (--days). */
  backfill_days: z.number().int().min(1).max(3650).default(30),
  /** Days the recorder fetches for a series with no history yet (run `hlbot backfill` for more). */
  bootstrap_days: z.number().int().min(1).max(365).default(2),
  /** Seconds between asset-context samples (metaAndAssetCtxs, weight 20) → asset_ctxs. */
  asset_ctx_seconds: z.number().int().min(0).max(86_400).default(60),
  /** Seconds between L2 snapshots of each book coin (l2Book, weight 2 each) → book_snapshots; 0 = off. */
  book_seconds: z.number().int().min(0).max(86_400).default(60),
  /**
   * Levels per side kept as JSON with each book snapshot (0 = best bid/ask only). 20 is all that
   * l2Book returns, and what friction model v5 walks; about 870 bytes per BTC snapshot in the ledger
   * (5 levels: about 290). The request's weight (2) is the same at any depth.
   */
  book_levels: z.number().int().min(0).max(20).default(20),
  /** Coins whose book is sampled (default: engine.coins). */
  book_coins: z.array(z.string().min(1)).optional(),
  /** Most request weight the recorder spends in one tick; what is left waits for the next tick. */
  max_weight_per_tick: z.number().int().min(20).default(250),
});

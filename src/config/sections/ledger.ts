/** The SQLite ledger. */
import * as z from "zod";

export const LedgerSection = z.strictObject({
  /** Ledger file; a relative path resolves against the working directory. */
  path: z.string().min(1).default("data/hlbot.db"),
  /**
   * Where backtests, sweeps and walk-forwards store their runs (they read market data from `path`,
   * attached read-only). Empty: `research.db` beside `path`. Equal to `path`: runs in the main ledger.
   */
  research_path: z.string().default(""),
  /** Milliseconds a writer waits for a lock before failing. */
  busy_timeout_ms: z.number().int().min(0).max(600_000).default(5_000),
});

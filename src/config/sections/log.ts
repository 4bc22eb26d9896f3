/** Logging. The CLI flag --log-format overrides `format`. */
import * as z from "zod";

export const LogSection = z.strictObject({
  /** auto = pretty on a TTY, JSON lines otherwise. */
  format: z.enum(["auto", "json", "pretty"]).default("auto"),
  level: z.enum(["error", "warn", "info", "debug", "trace"]).default("info"),
  /** `hlbot trade` also writes JSON lines to `<ledger>.log` (rotated by size; `hlbot tui` tails it). */
  file: z.boolean().default(false),
  /** Size at which the log file is rotated, MB. */
  file_max_mb: z.number().min(0.01).max(10_000).default(20),
  /** Rotated files kept (`<ledger>.log.1` … `.N`), besides the current one. */
  file_keep: z.number().int().min(0).max(100).default(5),
});

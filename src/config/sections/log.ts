/** Logging. The CLI flag --log-format overrides `format`. */
import * as z from "zod";

export const LogSection = z.strictObject({
  /** auto = pretty on a TTY, JSON lines otherwise. */
  format: z.enum(["auto", "json", "pretty"]).default("auto"),
  level: z.enum(["error", "warn", "info", "debug", "trace"]).default("info"),
});

/** The read-only HTTP API and dashboard. */
import * as z from "zod";

export const ApiSection = z.strictObject({
  /** Serve the API inside `hlbot trade`. */
  enabled: z.boolean().default(true),
  /** Bind address; anything but loopback needs `--allow-remote` and a bearer token. */
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(1).max(65_535).default(8931),
  /** Bearer token required when bound beyond loopback (use env HLBOT_API__TOKEN, not the file). */
  token: z.string().min(16).optional(),
});

/** The read-only HTTP API and dashboard. */
import * as z from "zod";

export const ApiSection = z.strictObject({
  /** Serve the API inside `hlbot trade`. */
  enabled: z.boolean().default(true),
  /** Bind address; anything but loopback needs `--allow-remote` and a bearer token. */
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(1).max(65_535).default(8931),
  /**
   * Bearer token (use env HLBOT_API__TOKEN, not the file). Required to bind beyond loopback; when set,
   * every route but the dashboard page needs `Authorization: Bearer <token>`.
   */
  token: z.string().min(16).optional(),
  /** Seconds between refreshes of the dashboard page's panels. */
  dashboard_refresh_seconds: z.number().int().min(2).max(3600).default(10),
});

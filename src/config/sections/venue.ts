/**
 * Where the Hyperliquid adapter connects: mainnet, testnet, or any URL (a local venue). URLs are used
 * ONLY with network custom, which signs as testnet; a URL set beside mainnet/testnet is an error, never
 * silently ignored (the operator must not believe they trade a local venue while mainnet is in use).
 */
import * as z from "zod";

export const HYPERLIQUID_URLS = {
  mainnet: { http: "https://api.hyperliquid.xyz", ws: "wss://api.hyperliquid.xyz/ws" },
  testnet: { http: "https://api.hyperliquid-testnet.xyz", ws: "wss://api.hyperliquid-testnet.xyz/ws" },
} as const;

export const VenueSection = z.strictObject({
  /** mainnet, testnet, or custom (then http_url and ws_url are required). */
  network: z.enum(["mainnet", "testnet", "custom"]).default("mainnet"),
  /** Base URL for /info and /exchange when network is custom, e.g. http://127.0.0.1:8930. */
  http_url: z.url().optional(),
  /** WebSocket URL when network is custom, e.g. ws://127.0.0.1:8930/ws. */
  ws_url: z.url().optional(),
  /** HTTP request timeout, milliseconds. */
  request_timeout_ms: z.number().int().min(100).max(120_000).default(10_000),
  /** Share of the 1200-weight/minute IP budget hlbot allows itself. */
  weight_budget_fraction: z.number().positive().max(1).default(0.8),
  /** Seconds without a websocket message before the feed counts as stale. */
  stale_feed_seconds: z.number().int().min(5).max(3_600).default(60),
  /** Dead-man switch: ask the exchange to cancel all orders if hlbot is silent this long (0 = off). */
  schedule_cancel_seconds: z.number().int().min(0).max(86_400).default(0),
});

type Venue = z.output<typeof VenueSection>;

/** Cross-key rules: custom needs both URLs; mainnet/testnet take none. */
export function checkVenue(venue: Venue, ctx: z.RefinementCtx): void {
  for (const key of ["http_url", "ws_url"] as const) {
    if (venue.network === "custom" && !venue[key]) {
      ctx.addIssue({
        code: "custom",
        path: ["hyperliquid", key],
        message: "required when network is custom",
      });
    }
    if (venue.network !== "custom" && venue[key]) {
      ctx.addIssue({
        code: "custom",
        path: ["hyperliquid", key],
        message: `set while hyperliquid.network is ${venue.network}, which uses its own URL: set hyperliquid.network to custom (signs as testnet) to use this URL, or remove hyperliquid.${key}`,
      });
    }
  }
}

/** Where the Hyperliquid adapter connects: mainnet, testnet, or any URL (the local fake server). */
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
  stale_feed_seconds: z.number().int().min(5).default(60),
  /** Dead-man switch: ask the exchange to cancel all orders if hlbot is silent this long (0 = off). */
  schedule_cancel_seconds: z.number().int().min(0).default(0),
});

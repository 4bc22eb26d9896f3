/** The tick loop and the traded basket. */
import * as z from "zod";

/** The 23 Hyperliquid perps of the shared real-data set; the default basket. */
export const DEFAULT_COINS = [
  "BTC",
  "ETH",
  "SOL",
  "AVAX",
  "DOGE",
  "XRP",
  "LINK",
  "BNB",
  "ARB",
  "OP",
  "SUI",
  "HYPE",
  "WIF",
  "kPEPE",
  "LTC",
  "ADA",
  "NEAR",
  "APT",
  "INJ",
  "AAVE",
  "TIA",
  "SEI",
  "ENA",
];

export const EngineSection = z.strictObject({
  /** Seconds between ticks of `hlbot trade`. */
  tick_seconds: z.number().int().min(1).max(3600).default(30),
  /** Coins scanned every tick (Hyperliquid names, e.g. kPEPE). */
  coins: z.array(z.string().min(1)).min(1).default(DEFAULT_COINS),
  /** Candle intervals the engine keeps features for. */
  intervals: z
    .array(z.enum(["15m", "1h", "4h"]))
    .min(1)
    .default(["15m", "1h", "4h"]),
  /** Candles of history loaded per coin × interval at start (warm-up plus margin). */
  history_bars: z.number().int().min(100).max(5000).default(500),
  /** Starting equity (USDC) of the simulated shadow account. */
  shadow_equity_usd: z.number().positive().default(10_000),
});

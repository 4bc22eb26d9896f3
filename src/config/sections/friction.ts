/** Costs charged by the simulated venue; the model tag decides which of them apply. */
import * as z from "zod";

export const FrictionSection = z.strictObject({
  /** Friction model used by shadow and backtests (see src/sim/models). */
  model: z.string().min(1).default("v4"),
  /** Taker fee, basis points per side (Hyperliquid tier 0: 4.5). */
  taker_fee_bps: z.number().min(0).max(100).default(4.5),
  /** Maker fee, basis points per side (Hyperliquid tier 0: 1.5). */
  maker_fee_bps: z.number().min(-10).max(100).default(1.5),
  /** Slippage assumed per side, basis points. */
  slippage_bps: z.number().min(0).max(500).default(5),
});

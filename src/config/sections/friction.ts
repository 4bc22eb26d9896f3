/** Costs charged by the simulated venue; the model tag decides which of them apply. */
import * as z from "zod";
import { getModel } from "../../sim/models/index.ts";

export const FrictionSection = z.strictObject({
  /** Friction model used by shadow and backtests (see src/sim/models); an unknown name is a config error. */
  model: z
    .string()
    .min(1)
    .default("v4")
    .superRefine((name, ctx) => {
      try {
        getModel(name);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  /** Taker fee, basis points per side (Hyperliquid tier 0: 4.5). */
  taker_fee_bps: z.number().min(0).max(100).default(4.5),
  /** Maker fee, basis points per side (Hyperliquid tier 0: 1.5). */
  maker_fee_bps: z.number().min(-10).max(100).default(1.5),
  /** Slippage assumed per side, basis points. */
  slippage_bps: z.number().min(0).max(500).default(5),
});

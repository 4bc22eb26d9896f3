/**
 * v4: v3 plus what live does to a position — liquidation tracking (HL maintenance margin from max
 * leverage, liquidation at the gap price with its fee), partial-TP, stop to breakeven, trail.
 */
import type { FrictionModel } from "./model.ts";
import { v3 } from "./v3.ts";

export const v4: FrictionModel = Object.freeze({
  ...v3,
  tag: "v4",
  description: "v3 + liquidation tracking, partial-TP 50% at 1.5R, stop to breakeven, trail from 2R",
  managedExits: true,
  liquidation: true,
});

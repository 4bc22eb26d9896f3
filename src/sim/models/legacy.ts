/** legacy: the seed's paper trading — no costs, fills at the signal price, plain stop/target. */
import type { FrictionModel } from "./model.ts";

export const legacy: FrictionModel = Object.freeze({
  tag: "legacy",
  description: "no costs; fills at the signal price; stop and target only",
  takerFeeBps: 0,
  slippageBps: 0,
  funding: false,
  fillAt: "signal",
  dedupSetups: false,
  managedExits: false,
  liquidation: false,
});

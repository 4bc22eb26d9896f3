/** v2: HL tier-0 taker fee 4.5 bps and 5 bps slippage per side, hourly funding from real history. */
import type { FrictionModel } from "./model.ts";

export const frictionV2: FrictionModel = Object.freeze({
  tag: "friction_v2_fee4p5_slip5_funding_hourly",
  description: "taker 4.5 bps + slippage 5 bps per side, hourly funding on notional at mark",
  takerFeeBps: 4.5,
  slippageBps: 5,
  funding: true,
  fillAt: "next",
  dedupSetups: false,
  managedExits: false,
  liquidation: false,
});

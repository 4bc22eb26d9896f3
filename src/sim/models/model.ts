/**
 * A friction model: the costs and management features the simulated venue applies. Each model is a
 * frozen object in its own file, named by its tag (sim_model_version). Adding a model is adding a
 * file; an old model never changes, so results under one tag are always comparable.
 */
export interface FrictionModel {
  /** The tag written on every simulated row. */
  readonly tag: string;
  readonly description: string;
  /** Taker fee per side, basis points of notional. */
  readonly takerFeeBps: number;
  /** Adverse slippage per side, basis points of price. */
  readonly slippageBps: number;
  /** Charge hourly funding from the real funding history. */
  readonly funding: boolean;
  /** Entries fill at the signal price (legacy) or the next tradable price. */
  readonly fillAt: "signal" | "next";
  /** One simulated trade per setup key (two strategies on one breakout are one row). */
  readonly dedupSetups: boolean;
  /** Partial-TP, stop to breakeven and trailing, exactly as live manages positions. */
  readonly managedExits: boolean;
  /** Track the liquidation price; a gap through it liquidates at the gap price. */
  readonly liquidation: boolean;
}

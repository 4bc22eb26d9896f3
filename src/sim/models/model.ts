/**
 * A friction model: the costs and management features the simulated venue applies. Each model is a
 * frozen object in its own file, named by its tag (sim_model_version). Adding a model is adding a
 * file; an old model never changes, so results under one tag are always comparable.
 */
import type { Interval } from "../../core/intervals.ts";

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
  /**
   * Depth slippage (v5 on): each fill's slippage comes from the recorded L2 book or the coin's fitted
   * impact model instead of the flat `slippageBps`, which stays as the price of a fill with neither.
   * Absent on every older model.
   */
  readonly depth?: DepthSettings;
}

/** How a depth model prices a fill and fits its impact model (part of the model's definition). */
export interface DepthSettings {
  /** A recorded book is walked when it was taken at most this long before the fill (never after). */
  readonly maxBookAgeMs: number;
  /** Bars the impact model's market state (volatility, traded notional) is computed from. */
  readonly stateInterval: Interval;
  readonly stateWindowBars: number;
  /** Band around mid whose resting notional is the book's depth in the impact model, bps. */
  readonly bandBps: number;
  /** Order notionals (USD) each snapshot is walked at to fit the impact curve. */
  readonly fitNotionalsUsd: readonly number[];
  /** Snapshots a coin needs before its impact model is fitted (else fills fall back to `slippageBps`). */
  readonly minFitSnapshots: number;
  /** Most snapshots per coin the fit walks: every ⌈n / max⌉-th in time when more are recorded. */
  readonly maxFitSnapshots: number;
  /**
   * Distinct market states (bars) the fit needs to estimate how spread and depth move with volatility
   * and volume; with fewer, the elasticities are the stated priors and only the levels are fitted.
   */
  readonly minStateBars: number;
  /** Elasticities assumed when the data cannot estimate them (log-log slopes). */
  readonly priors: {
    readonly spreadVol: number;
    readonly spreadVolume: number;
    readonly depthVol: number;
    readonly depthVolume: number;
  };
  /** Last share of the snapshots (by time) held out to measure the fit error, and the gap before it. */
  readonly holdoutFraction: number;
  readonly embargoMs: number;
}

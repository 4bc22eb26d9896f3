/**
 * v5: v4 plus depth slippage. Each taker fill's slippage comes from the recorded L2 book walked for
 * the order's size when a snapshot at most 2 minutes old precedes the fill; otherwise from the coin's
 * impact model fitted on its recorded books (spread and depth against 4h volatility and volume);
 * otherwise — a coin with too few recorded books — the flat 5 bps of v4. See docs/research.md.
 */
import type { FrictionModel } from "./model.ts";
import { v4 } from "./v4.ts";

export const v5: FrictionModel = Object.freeze({
  ...v4,
  tag: "v5",
  description:
    "v4 + depth slippage: walk the recorded L2 book (≤ 2 min before the fill), else the coin's fitted impact model, else 5 bps",
  depth: Object.freeze({
    maxBookAgeMs: 120_000,
    stateInterval: "4h",
    stateWindowBars: 24,
    bandBps: 10,
    fitNotionalsUsd: Object.freeze([10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000]),
    minFitSnapshots: 200,
    maxFitSnapshots: 20_000,
    minStateBars: 20,
    priors: Object.freeze({ spreadVol: 1, spreadVolume: 0, depthVol: -1, depthVolume: 1 }),
    holdoutFraction: 0.3,
    embargoMs: 60_000,
  }),
});

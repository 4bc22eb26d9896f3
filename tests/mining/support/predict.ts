/**
 * The sample size the gate's own formulas predict for a bucket with a known true edge: the smallest n
 * at which the EXPECTED statistics clear every threshold — z for DSR/z (docs/promotion-gate.md §1–2,
 * with the trade distribution's skew and kurtosis) and the empirical-Bayes P_b (§5) given the true
 * spread of edges within the strategy.
 */
import type { MiningConfig } from "../../../src/config/sections/mining.ts";
import type { Moments } from "../../../src/mining/moments.ts";
import { normCdf, normInv } from "../../../src/mining/normal.ts";
import { expectedMaxZ, srVarianceFactor } from "../../../src/mining/sharpe.ts";

export interface Prediction {
  n: number;
  z: number;
  zNeeded: number;
  pEdge: number;
}

export function predictedTradesToLive(
  edge: number,
  strategyEdges: readonly number[],
  trade: Pick<Moments, "sd" | "skew" | "kurtosis">,
  rules: MiningConfig,
): Prediction {
  const k = strategyEdges.length;
  const mean = strategyEdges.reduce((a, b) => a + b, 0) / k;
  const tau2 = strategyEdges.reduce((a, e) => a + (e - mean) ** 2, 0) / (k - 1);
  const d = edge / trade.sd;
  const zNeeded = Math.max(rules.live_min_z, expectedMaxZ(k) + normInv(rules.live_min_dsr));
  for (let n = 2; n < 1_000_000; n++) {
    const z = (d * Math.sqrt(n - 1)) / Math.sqrt(srVarianceFactor(d, trade.skew, trade.kurtosis));
    const se2 = trade.sd ** 2 / n;
    const b = se2 / (se2 + tau2);
    const theta = mean + (1 - b) * (edge - mean);
    const v = (1 - b) * se2 + (b * b * (se2 + tau2)) / k;
    const pEdge = normCdf((theta - rules.min_edge_r) / Math.sqrt(v));
    if (n >= rules.live_min_n_eff && z >= zNeeded && pEdge >= rules.live_min_p_edge)
      return { n, z, zNeeded, pEdge };
  }
  throw new Error("edge too small to ever pass the gate");
}

/**
 * Empirical-Bayes (James–Stein / Efron–Morris) shrinkage of bucket mean R toward the strategy mean
 * (docs/promotion-gate.md §5): τ̂² by the method of moments, μ0 precision-weighted, B_b = s_b²/(s_b²+τ̂²),
 * θ̂_b = μ0 + (1−B_b)(m_b−μ0). The posterior variance adds the uncertainty of μ0 itself (B_b²·Var μ0),
 * so a strategy with no spread between buckets still has an honest, non-zero v_b.
 */
import { normCdf } from "./normal.ts";

export interface ShrinkagePrior {
  /** Buckets the prior was estimated from (K). */
  k: number;
  mu0: number;
  tau2: number;
  /** Var(μ0) = 1/Σ 1/(s_b² + τ̂²). */
  mu0Variance: number;
}

export interface Shrunk {
  shrinkage: number;
  theta: number;
  variance: number;
}

/** Prior from the strategy's eligible buckets: means m_b and squared standard errors s_b² = var_b/n_eff,b. */
export function estimatePrior(means: readonly number[], se2: readonly number[]): ShrinkagePrior | null {
  const k = means.length;
  if (k < 2) return null;
  let mBar = 0;
  let se2Bar = 0;
  for (let i = 0; i < k; i++) {
    mBar += means[i]!;
    se2Bar += se2[i]!;
  }
  mBar /= k;
  se2Bar /= k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (means[i]! - mBar) ** 2;
  const tau2 = Math.max(0, ss / (k - 1) - se2Bar);
  let wSum = 0;
  let wm = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (se2[i]! + tau2);
    wSum += w;
    wm += w * means[i]!;
  }
  return { k, mu0: wm / wSum, tau2, mu0Variance: 1 / wSum };
}

/** Shrinks one bucket; with no prior (a strategy with one eligible bucket) the bucket stands alone. */
export function shrink(mean: number, se2: number, prior: ShrinkagePrior | null): Shrunk {
  if (!prior) return { shrinkage: 0, theta: mean, variance: se2 };
  const b = se2 + prior.tau2 > 0 ? se2 / (se2 + prior.tau2) : 1;
  return {
    shrinkage: b,
    theta: prior.mu0 + (1 - b) * (mean - prior.mu0),
    variance: (1 - b) * se2 + b * b * prior.mu0Variance,
  };
}

/** P(θ > c) under the normal posterior. */
export function probabilityAbove(s: Shrunk, c: number): number {
  if (!(s.variance > 0)) return s.theta > c ? 1 : 0;
  return normCdf((s.theta - c) / Math.sqrt(s.variance));
}

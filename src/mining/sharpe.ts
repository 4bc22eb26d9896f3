/**
 * Sharpe-ratio inference of docs/promotion-gate.md §1–2: the standard error of an estimated SR under
 * skew and fat tails (Mertens; Bailey & López de Prado 2012), PSR, MinTRL, the expected maximum of N
 * independent null z-scores, and the deflated Sharpe ratio (Bailey & López de Prado 2014), both in the
 * paper's form and in the per-bucket z form the gate uses. SR is per observation, never annualised.
 */
import { normCdf, normInv } from "./normal.ts";

/** Euler–Mascheroni γ. */
export const EULER_GAMMA = 0.5772156649015329;

/** 1 − γ3·SR + (γ4−1)/4·SR²: the non-normality factor of Var(SR̂); never below 0 since γ4 ≥ 1 + γ3². */
export function srVarianceFactor(sr: number, skew: number, kurtosis: number): number {
  return Math.max(1e-12, 1 - skew * sr + ((kurtosis - 1) / 4) * sr * sr);
}

/** σ̂(SR̂) with n observations. */
export function srStdError(sr: number, n: number, skew: number, kurtosis: number): number {
  return Math.sqrt(srVarianceFactor(sr, skew, kurtosis) / (n - 1));
}

/** The PSR z-statistic (SR̂ − SR*)·sqrt(n−1)/sqrt(1 − γ3·SR̂ + (γ4−1)/4·SR̂²). */
export function psrZ(sr: number, n: number, skew: number, kurtosis: number, benchmark = 0): number {
  return ((sr - benchmark) * Math.sqrt(n - 1)) / Math.sqrt(srVarianceFactor(sr, skew, kurtosis));
}

/** PSR(SR*): the probability that the true SR exceeds the benchmark. */
export function psr(sr: number, n: number, skew: number, kurtosis: number, benchmark = 0): number {
  return normCdf(psrZ(sr, n, skew, kurtosis, benchmark));
}

/** MinTRL: observations needed for PSR(SR*) ≥ 1 − α; Infinity when SR̂ ≤ SR*. */
export function minTrackRecord(
  sr: number,
  skew: number,
  kurtosis: number,
  benchmark = 0,
  alpha = 0.05,
): number {
  if (!(sr > benchmark)) return Number.POSITIVE_INFINITY;
  const k = normInv(1 - alpha) / (sr - benchmark);
  return 1 + srVarianceFactor(sr, skew, kurtosis) * k * k;
}

/**
 * E[max of N independent N(0,1)] ≈ (1−γ)·Z⁻¹(1−1/N) + γ·Z⁻¹(1−1/(N·e)) (Bailey et al. 2014). N may be
 * fractional (N̂ from correlated trials); 0 for N ≤ 1, where there is no selection.
 */
export function expectedMaxZ(n: number): number {
  if (!(n > 1)) return 0;
  const v = (1 - EULER_GAMMA) * normInv(1 - 1 / n) + EULER_GAMMA * normInv(1 - 1 / (n * Math.E));
  return Math.max(0, v);
}

/** SR0 = sqrt(V[SR_n])·E[max z]: the SR the best of N zero-skill trials is expected to show. */
export function expectedMaxSharpe(trials: number, srVariance: number): number {
  return Math.sqrt(srVariance) * expectedMaxZ(trials);
}

/** The paper's DSR: PSR against SR0 from N trials whose SR estimates have variance V. */
export function deflatedSharpe(
  sr: number,
  n: number,
  skew: number,
  kurtosis: number,
  trials: number,
  srVariance: number,
): number {
  return psr(sr, n, skew, kurtosis, expectedMaxSharpe(trials, srVariance));
}

/** The bucket form DSR_b = Φ(z_b − E_N) (docs/promotion-gate.md §2, "adjustment for buckets"). */
export function deflatedZ(z: number, trials: number): number {
  return normCdf(z - expectedMaxZ(trials));
}

/** N̂ = ρ̄ + (1 − ρ̄)·M: the effective number of trials given their average correlation. */
export function effectiveTrials(m: number, rhoBar: number): number {
  const rho = Math.min(1, Math.max(0, rhoBar));
  return rho + (1 - rho) * m;
}

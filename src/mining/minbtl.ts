/**
 * Minimum Backtest Length — Bailey, Borwein, López de Prado & Zhu (2014), "Pseudo-mathematics and
 * financial charlatanism: the effects of backtest overfitting on out-of-sample performance", Notices of
 * the AMS 61(5) pp. 458–471 (SSRN 2308659). Among N independent zero-skill strategy configurations
 * backtested over y years, the expected best in-sample annualised Sharpe ratio is
 *   E[max_N] / √y,  E[max_N] ≈ (1−γ)·Z⁻¹(1 − 1/N) + γ·Z⁻¹(1 − 1/(N·e))
 * (the expected maximum of N standard normals, `expectedMaxZ` in sharpe.ts). Solving for y at a
 * target in-sample Sharpe SR gives
 *   MinBTL ≈ (E[max_N] / SR)²  years,  with  MinBTL < 2·ln N / SR²
 * (from E[max_N] ≤ √(2 ln N)). A backtest shorter than MinBTL cannot tell an SR of that size from the
 * best of N coin flips. It is necessary, not sufficient: the paper assumes IID normal returns, annual SR
 * estimates with unit variance per year, and independent trials (with correlated trials pass N̂).
 * Worked numbers in the paper: N = 10 trials give E[max] ≈ 1.57, a 1-year IS SR of 1.57 from nothing;
 * with 5 years of data no more than 45 independent configurations may be tried for a target SR of 1.
 */
import { expectedMaxZ } from "./sharpe.ts";
import { StatsInputError } from "./stats-input-error.ts";

export interface MinBtl {
  /** (E[max_N]/SR)² in years; 0 without selection (N ≤ 1); ∞ when SR ≤ 0. */
  years: number;
  /** 2·ln N / SR² in years. */
  upperBound: number;
  /** E[max_N]: the expected best annualised SR of N zero-skill trials over one year. */
  expectedMax: number;
}

function checkTrials(trials: number): void {
  if (!(trials >= 1) || !Number.isFinite(trials))
    throw new StatsInputError("trials", `must be a number ≥ 1, got ${trials}`);
}

/** MinBTL for N trials (may be fractional, e.g. N̂) and the in-sample annualised Sharpe ratio. */
export function minBacktestLength(trials: number, annualSharpe: number): MinBtl {
  checkTrials(trials);
  if (Number.isNaN(annualSharpe)) throw new StatsInputError("annualSharpe", "is NaN");
  const expectedMax = expectedMaxZ(trials);
  if (!(annualSharpe > 0))
    return { years: Number.POSITIVE_INFINITY, upperBound: Number.POSITIVE_INFINITY, expectedMax };
  const sr2 = annualSharpe * annualSharpe;
  return { years: (expectedMax * expectedMax) / sr2, upperBound: (2 * Math.log(trials)) / sr2, expectedMax };
}

/** The expected best in-sample annualised SR of N zero-skill trials over `years` years: E[max_N]/√y. */
export function expectedMaxAnnualSharpe(trials: number, years: number): number {
  checkTrials(trials);
  if (!(years > 0)) throw new StatsInputError("years", `must be > 0, got ${years}`);
  return expectedMaxZ(trials) / Math.sqrt(years);
}

/**
 * The largest whole number of independent trials a backtest of `years` years supports for an in-sample
 * annualised SR (the paper's "no more than 45 configurations" reading of MinBTL): max N with
 * E[max_N] ≤ SR·√y. E[max_N] is increasing in N, so a doubling then bisection search finds it.
 */
export function maxTrialsForLength(years: number, annualSharpe: number): number {
  if (!(years > 0)) throw new StatsInputError("years", `must be > 0, got ${years}`);
  if (!(annualSharpe > 0)) return 1;
  const target = annualSharpe * Math.sqrt(years);
  if (expectedMaxZ(2) > target) return 1;
  let lo = 2;
  let hi = 4;
  while (expectedMaxZ(hi) <= target) {
    lo = hi;
    hi *= 2;
    if (hi > 2 ** 52) return Number.POSITIVE_INFINITY;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (expectedMaxZ(mid) <= target) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * How many pairs a Spearman IC needs for a confidence interval of a given half-width. Fisher's
 * z = atanh(ρ) is close to normal with variance 1.06 / (n − 3) for Spearman's ρ (Fieller, Hartley &
 * Pearson 1957); the CI is tanh(z ± q·se), q the normal quantile. Dependence between pairs inflates
 * the variance by the design effect (bootstrap variance / iid variance), so the n needed grows by it.
 */
import { normInv } from "../mining/normal.ts";

/** The iid standard error of Spearman's ρ near `ic` (delta method on the z-scale). */
export function spearmanIidSe(n: number, ic = 0): number {
  if (n <= 3) return Number.POSITIVE_INFINITY;
  return (1 - Math.min(0.999999, ic * ic)) * Math.sqrt(1.06 / (n - 3));
}

export interface SampleSizeQuery {
  /** Wanted half-width of the CI, in units of ρ. */
  halfWidth: number;
  ic?: number;
  confidence?: number;
  designEffect?: number;
}

/** Smallest n whose CI tanh(atanh(ic) ± q·√(1.06/(n−3)·deff)) has half-width ≤ halfWidth. */
export function requiredSampleSize(q: SampleSizeQuery): number {
  const ic = Math.max(-0.999, Math.min(0.999, q.ic ?? 0));
  const quant = normInv(1 - (1 - (q.confidence ?? 0.95)) / 2);
  const z = Math.atanh(ic);
  const half = (w: number) => (Math.tanh(z + w) - Math.tanh(z - w)) / 2;
  // half(w) increases in w: bisect for the largest z-scale width w that meets the target.
  let lo = 0;
  let hi = 20;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (half(mid) <= q.halfWidth) lo = mid;
    else hi = mid;
  }
  const se = lo / quant;
  return Math.ceil(3 + (1.06 / (se * se)) * (q.designEffect ?? 1));
}

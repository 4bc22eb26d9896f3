/**
 * Percentile bootstrap 95% confidence intervals of the mean and the median of a sample of trade R
 * (iid resampling: a trade's R is one draw; the daily, autocorrelated view is mining's job). Seeded,
 * so the same trades always give the same interval. The median's resamples are counted into a rank
 * histogram of the sorted sample instead of being sorted: O(n) per draw.
 */
import { sfc32 } from "../../mining/rng.ts";

/** Below this many trades no interval is given (null): it would mostly show the resampling noise. */
export const MIN_CI_SAMPLE = 10;
export const CI_DRAWS = 1000;
const SEED = 0x5eed;

function percentile(sorted: Float64Array, q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** 95% interval of the mean of `x`, or null for fewer than MIN_CI_SAMPLE values. */
export function meanCi(x: readonly number[], draws = CI_DRAWS): [number, number] | null {
  const n = x.length;
  if (n < MIN_CI_SAMPLE) return null;
  const rand = sfc32(SEED ^ n);
  const means = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[Math.floor(rand() * n)]!;
    means[d] = sum / n;
  }
  means.sort();
  return [percentile(means, 0.025), percentile(means, 0.975)];
}

/** Median of an ascending array (mean of the two middle values for an even length). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 95% interval of the median of the ascending array `sorted`, or null for a small sample. */
export function medianCi(sorted: ArrayLike<number>, draws = CI_DRAWS): [number, number] | null {
  const n = sorted.length;
  if (n < MIN_CI_SAMPLE) return null;
  const rand = sfc32(SEED ^ (n * 31));
  const counts = new Uint32Array(n);
  const medians = new Float64Array(draws);
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  for (let d = 0; d < draws; d++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(rand() * n)]!++;
    // The resample's sorted values are sorted[k] repeated counts[k] times: walk to ranks lo and hi.
    let seen = 0;
    let a = Number.NaN;
    let b = Number.NaN;
    for (let k = 0; k < n; k++) {
      seen += counts[k]!;
      if (Number.isNaN(a) && seen > lo) a = sorted[k]!;
      if (seen > hi) {
        b = sorted[k]!;
        break;
      }
    }
    medians[d] = (a + b) / 2;
  }
  medians.sort();
  return [percentile(medians, 0.025), percentile(medians, 0.975)];
}

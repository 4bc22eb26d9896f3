/**
 * Weighted sample moments of net R: mean, standard deviation (reliability-weights unbiased), skewness
 * and Pearson kurtosis (3 for a normal). With unit weights they are the usual sample statistics:
 * sd with n−1, skew and kurtosis as population moment ratios (what PSR's γ3, γ4 expect).
 */

export interface Moments {
  /** Σw. */
  weight: number;
  mean: number;
  sd: number;
  skew: number;
  /** Pearson kurtosis γ4 (not excess). */
  kurtosis: number;
}

/** Moments of x with weights w (unit weights when omitted); NaN where undefined (n < 2, zero spread). */
export function weightedMoments(x: ArrayLike<number>, w?: ArrayLike<number>): Moments {
  const n = x.length;
  let sw = 0;
  let sww = 0;
  let swx = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    sw += wi;
    sww += wi * wi;
    swx += wi * x[i]!;
  }
  const mean = sw > 0 ? swx / sw : Number.NaN;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    const d = x[i]! - mean;
    const d2 = d * d;
    m2 += wi * d2;
    m3 += wi * d2 * d;
    m4 += wi * d2 * d2;
  }
  const denom = sw - sww / sw;
  const sd = n >= 2 && denom > 0 ? Math.sqrt(m2 / denom) : Number.NaN;
  const pm2 = m2 / sw;
  const skew = pm2 > 0 ? m3 / sw / pm2 ** 1.5 : Number.NaN;
  const kurtosis = pm2 > 0 ? m4 / sw / (pm2 * pm2) : Number.NaN;
  return { weight: sw, mean, sd, skew, kurtosis };
}

/** Plain mean; NaN for an empty range. */
export function mean(x: ArrayLike<number>, from = 0, to = x.length): number {
  if (to <= from) return Number.NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]!;
  return s / (to - from);
}

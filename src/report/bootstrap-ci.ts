/**
 * 95% confidence intervals of the mean and the median R of a trade sample under dependence, from
 * the stationary bootstrap of Politis & Romano (1994) — the resampling src/mining/bootstrap.ts uses
 * for the gate. Trades are taken in close order and resampled in blocks of geometric length (mean
 * n^(1/3)) starting anywhere on the circular series, so trades that close together (one market move
 * hitting many coins and strategies at once) stay together: on the full data set this makes the
 * interval of the mean ~2.9× wider than an iid bootstrap would.
 * - Mean: mean ± 1.96 · SE, SE = the standard deviation of the resampled means.
 * - Median: the sign-test interval — the order statistics n/2 ± 1.96·n·SE', SE' = the bootstrap
 *   standard error of the share of trades at or below the median (for independent trades SE' =
 *   0.5/√n, the classic binomial interval; clustering widens it).
 * Standard-error intervals need far fewer resamples than percentile ones for the same precision of
 * their ends (200 resamples put an end within ~5% of the half-width; percentile ends need ~1,000),
 * and block sums come from prefix sums, so a summary of 17k trades in five breakdowns stays cheap
 * next to the replay. Deterministic: the generator is seeded from a fixed seed and the sample's name.
 */
import { sfc32, streamSeed } from "../mining/rng.ts";

/** Fixed seed of every summary's bootstrap: the same trades give the same intervals. */
export const SUMMARY_SEED = 20_250_801;
/** Resamples per interval. */
export const CI_DRAWS = 200;
/**
 * Smaller samples get no interval: with blocks of ~3 trades a bootstrap of fewer than 30 has too
 * few distinct resamples to locate its 2.5% tail.
 */
export const CI_MIN_TRADES = 30;

export interface MeanMedianCi {
  mean: [number, number];
  median: [number, number];
}

/** Median of sorted values (mean of the two middle ones for an even count). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = n >> 1;
  return n % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** Intervals of mean and median of `x` (in close order; `sorted` = the same values ascending), or null below CI_MIN_TRADES. */
export function bootstrapCi(
  x: ArrayLike<number>,
  sorted: ArrayLike<number>,
  name: string,
  draws = CI_DRAWS,
): MeanMedianCi | null {
  const n = x.length;
  if (n < CI_MIN_TRADES) return null;
  const median = medianOfSorted(sorted);
  // Interleaved prefix sums of R and of the at-or-below-median indicator: a block's two sums are
  // two subtractions on one cache line (the block wraps around the end of the circular series).
  const p = new Float64Array(2 * n + 2);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    p[2 * i + 2] = p[2 * i]! + v;
    p[2 * i + 3] = p[2 * i + 1]! + (v <= median ? 1 : 0);
  }
  const totalX = p[2 * n]!;
  const totalI = p[2 * n + 1]!;
  // sfc32 inline (the closure call per block was most of the cost), its state drawn from the
  // seeded generator of src/mining/rng.ts.
  const seed = sfc32(streamSeed(SUMMARY_SEED, name));
  let a = (seed() * 4_294_967_296) | 0;
  let b = (seed() * 4_294_967_296) | 0;
  let c = (seed() * 4_294_967_296) | 0;
  let counter = 1;
  const meanBlock = Math.max(1, Math.cbrt(n));
  const logKeep = meanBlock > 1 ? Math.log(1 - 1 / meanBlock) : Number.NEGATIVE_INFINITY;
  let m1 = 0;
  let m2 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let d = 0; d < draws; d++) {
    let sx = 0;
    let si = 0;
    let filled = 0;
    while (filled < n) {
      const t = (((a + b) | 0) + counter) | 0;
      counter = (counter + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      // One uniform gives the block's start (its integer part) and its length (the fraction).
      const u = ((t >>> 0) / 4_294_967_296) * n;
      const start = Math.floor(u);
      let len = 1 + Math.floor(LOG_TAIL[Math.floor((u - start) * LENGTH_LEVELS)]! / logKeep);
      if (len > n - filled) len = n - filled;
      const end = start + len;
      if (end <= n) {
        sx += p[2 * end]! - p[2 * start]!;
        si += p[2 * end + 1]! - p[2 * start + 1]!;
      } else {
        sx += totalX - p[2 * start]! + p[2 * (end - n)]!;
        si += totalI - p[2 * start + 1]! + p[2 * (end - n) + 1]!;
      }
      filled += len;
    }
    const mean = sx / n;
    m1 += mean;
    m2 += mean * mean;
    const share = si / n;
    s1 += share;
    s2 += share * share;
  }
  const sd = (a: number, b: number) => Math.sqrt(Math.max(0, (b - (a * a) / draws) / (draws - 1)));
  const mean = totalX / n;
  const halfMean = 1.96 * sd(m1, m2);
  const halfRank = 1.96 * sd(s1, s2) * n;
  const rank = (k: number) => sorted[Math.min(n - 1, Math.max(0, k))]!;
  return {
    mean: [mean - halfMean, mean + halfMean],
    median: [rank(Math.floor((n - 1) / 2 - halfRank)), rank(Math.ceil(n / 2 + halfRank))],
  };
}

/** Quantile levels of the block lengths. */
const LENGTH_LEVELS = 4096;

/**
 * log(1 − u) at LENGTH_LEVELS evenly spaced u: a block's geometric length (mean L, P(len = k) =
 * p(1 − p)^(k−1), p = 1/L) is 1 + ⌊LOG_TAIL[j] / log(1 − p)⌋ — a division instead of a logarithm.
 */
const LOG_TAIL = Float64Array.from({ length: LENGTH_LEVELS }, (_, j) =>
  Math.log(1 - (j + 0.5) / LENGTH_LEVELS),
);

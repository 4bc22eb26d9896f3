/**
 * Rolling z-score of close: z = (close − mean) / sd over the last `period` closes INCLUDING the
 * current bar, with the SAMPLE standard deviation (divide by n − 1) — the pandas idiom
 * `(s − s.rolling(n).mean()) / s.rolling(n).std()` (pandas' rolling std defaults to ddof = 1), which
 * is the independent reference the tests reproduce on real data. Note the Bollinger bands use the
 * POPULATION σ: with n = 20, |z| ≥ 2 puts the close 2·√(20/19) ≈ 2.05 population σ from the mean,
 * i.e. outside the 2σ bands.
 *
 * Computed two-pass over the window each bar, oldest to newest (exact, no drifting running sums). A
 * window with no dispersion (sd ≤ 1e-12 · |mean|: identical closes, where the two-pass sd is only
 * rounding) reads z = 0. First value once `period` closes are in.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { WindowRing } from "./window-ring.ts";

/** sd at or below this fraction of |mean| is rounding noise of a flat window: z = 0. */
export const ZSCORE_FLAT_SD = 1e-12;

export class ZScore {
  value = Number.NaN;
  private readonly ring: WindowRing;

  constructor(readonly period: number) {
    this.ring = new WindowRing(period);
  }

  add(close: number): number {
    const ring = this.ring;
    ring.push(close);
    if (!ring.full) return this.value;
    const mean = ring.mean();
    const sq = ring.squaredDeviations(mean);
    const sd = Math.sqrt(sq / (this.period - 1));
    this.value = sd > ZSCORE_FLAT_SD * Math.abs(mean) ? (close - mean) / sd : 0;
    return this.value;
  }
}

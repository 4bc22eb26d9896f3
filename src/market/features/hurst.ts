/**
 * Hurst exponent of the last `period` one-bar log returns r = ln(close_i / close_{i−1}), by classic
 * (uncorrected) rescaled-range analysis — Hurst (1951), Mandelbrot & Wallis (1969) — laid out
 * exactly as the `hurst` Python package's `compute_Hc(r, kind="change", simplified=False)` (v0.0.5,
 * min_window 10), the independent reference the tests reproduce on real data:
 *
 *  - chunk sizes w = ⌊10^x⌋ for x = 1, 1.25, 1.5, … below log10(period − 1), plus `period` itself
 *    (period 100 → 10, 17, 31, 56, 100);
 *  - for each size, the window is cut into ⌊period / w⌋ consecutive chunks from its OLDEST return
 *    (returns past the last whole chunk are not used at that size); per chunk, with m the chunk's
 *    mean return: R = max − min of the cumulative sums of (r − m), S = the sample standard
 *    deviation (n − 1) of r; a chunk with R = 0 or S = 0 is skipped; (R/S)_w = mean over chunks;
 *  - H = the least-squares slope of log10 (R/S)_w on log10 w.
 *
 * NaN when some size has no usable chunk (a flat stretch: every return 0). H ≈ 0.5 for a random
 * walk, above for persistent (trending), below for anti-persistent (mean-reverting) returns; the
 * plain R/S estimator is biased upward on short windows (white noise reads ≈ 0.55–0.6 at 100
 * returns), which thresholds must allow for (docs/signals.md has the measured distribution).
 *
 * Cost is O(period · sizes) per bar (≈ 430 return visits at period 100). The chunk mean is taken as
 * (ln close_end − ln close_start) / w, the telescoped sum of the chunk's returns, so each chunk needs
 * one pass.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { WindowRing } from "./window-ring.ts";

/** Smallest chunk (compute_Hc's min_window). */
export const HURST_MIN_CHUNK = 10;
/** Spacing of the chunk sizes in log10. */
export const HURST_SIZE_STEP = 0.25;

/** The chunk sizes for a window of `n` returns (compute_Hc's window_sizes). */
export function hurstWindowSizes(n: number): number[] {
  const sizes: number[] = [];
  const start = Math.log10(HURST_MIN_CHUNK);
  const stop = Math.log10(n - 1);
  for (let i = 0; ; i++) {
    const x = start + i * HURST_SIZE_STEP;
    if (x >= stop) break;
    sizes.push(Math.floor(10 ** x));
  }
  sizes.push(n);
  return sizes;
}

/** Least-squares weights: H = Σ coef_k · log10 (R/S)_k for the sizes given. */
export function hurstSlopeCoefficients(sizes: readonly number[]): Float64Array {
  const x = sizes.map((w) => Math.log10(w));
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const sxx = x.reduce((a, b) => a + (b - mean) * (b - mean), 0);
  return Float64Array.from(x, (v) => (v - mean) / sxx);
}

export class Hurst {
  value = Number.NaN;
  private readonly returns: WindowRing;
  private readonly logs: WindowRing;
  private readonly sizes: Int32Array;
  private readonly coefs: Float64Array;
  private prevClose = Number.NaN;

  constructor(readonly period: number) {
    this.returns = new WindowRing(period);
    this.logs = new WindowRing(period + 1);
    const sizes = hurstWindowSizes(period);
    this.sizes = Int32Array.from(sizes);
    this.coefs = hurstSlopeCoefficients(sizes);
  }

  add(close: number): number {
    const prev = this.prevClose;
    this.prevClose = close;
    this.logs.push(Math.log(close));
    if (Number.isNaN(prev)) return this.value;
    this.returns.push(Math.log(close / prev));
    if (!this.returns.full) return this.value;
    const r = this.returns.buf;
    const r0 = this.returns.start;
    const lg = this.logs.buf;
    const l0 = this.logs.start;
    let h = 0;
    for (let k = 0; k < this.sizes.length; k++) {
      const w = this.sizes[k]!;
      const chunks = (this.period / w) | 0;
      let acc = 0;
      let used = 0;
      for (let c = 0; c < chunks; c++) {
        const a = c * w;
        const m = (lg[l0 + a + w]! - lg[l0 + a]!) / w;
        let z = 0;
        let zMax = Number.NEGATIVE_INFINITY;
        let zMin = Number.POSITIVE_INFINITY;
        let sq = 0;
        for (let j = r0 + a; j < r0 + a + w; j++) {
          const d = r[j]! - m;
          z += d;
          sq += d * d;
          if (z > zMax) zMax = z;
          if (z < zMin) zMin = z;
        }
        const range = zMax - zMin;
        const sd = Math.sqrt(sq / (w - 1));
        if (range === 0 || sd === 0) continue;
        acc += range / sd;
        used++;
      }
      h += this.coefs[k]! * Math.log10(acc / used);
    }
    this.value = h;
    return h;
  }
}

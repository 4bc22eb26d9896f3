/**
 * TA-Lib-seeded exponential smoothers: EMA (α = 2/(period+1)) and Wilder's average (α = 1/period).
 *
 * Seeding (TA-Lib default compatibility): the first value is the simple mean of the first `period`
 * inputs; after that, value = x·α + value·(1−α). trading-signals' EMA and RMA use exactly this
 * recurrence but seed with the first input, and its WSMA (SMA seed, then Wilder — the right
 * semantics) feeds an inner SMA on every bar (~170 ns per update). Earlier versions handed the seed
 * mean to trading-signals' EMA/RMA and fed raw inputs afterwards; the result was right but each
 * update went through the library's result bookkeeping (~25 ns, ×9 smoothers per bar: a sixth of a
 * full backtest). The recurrence is now evaluated here with the library's own expression, so the
 * values are BIT-IDENTICAL to trading-signals' EMA/RMA fed the same seed (tests/…/smoothers.test.ts
 * checks that on real data); trading-signals stays the reference the tests hold us to.
 *
 * Warm-up: `value` is NaN until `period` inputs have arrived. The seed still weighs (1−α)^k on the
 * value k inputs later; see warmup.ts for how many bars make that negligible.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */

/** One class for both kinds (a single hidden class keeps the hot path monomorphic). */
export class SeededSmoother {
  /** Current smoothed value; NaN until `period` inputs. */
  value = Number.NaN;
  private count = 0;
  private seedSum = 0;

  constructor(
    readonly period: number,
    /** α: the weight of the newest input. */
    private readonly weight: number,
  ) {}

  get ready(): boolean {
    return this.count >= this.period;
  }

  add(x: number): number {
    const w = this.weight;
    if (this.count >= this.period) {
      // trading-signals EMA/RMA: price * weightFactor + previous * (1 - weightFactor)
      this.value = x * w + this.value * (1 - w);
      return this.value;
    }
    this.seedSum += x;
    this.count++;
    if (this.count === this.period) {
      const seed = this.seedSum / this.period;
      // The library's first update (previous = the input itself), kept for bit-identity.
      this.value = seed * w + seed * (1 - w);
    }
    return this.value;
  }
}

/** EMA with TA-Lib seeding: SMA of the first `period` inputs, then α = 2/(period+1). */
export type SeededEma = SeededSmoother;
export function seededEma(period: number): SeededEma {
  return new SeededSmoother(period, 2 / (period + 1));
}

/** Wilder's smoothing (RMA/SMMA) with TA-Lib seeding: SMA of the first `period` inputs, then α = 1/period. */
export type WilderAverage = SeededSmoother;
export function wilderAverage(period: number): WilderAverage {
  return new SeededSmoother(period, 1 / period);
}

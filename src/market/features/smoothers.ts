/**
 * TA-Lib-seeded exponential smoothers on top of trading-signals' number-based EMA and RMA.
 *
 * Seeding (TA-Lib default compatibility): the first value is the simple mean of the first `period`
 * inputs; after that, EMA uses α = 2/(period+1) and the Wilder average α = 1/period. trading-signals'
 * own EMA and RMA seed with the first input instead, and its WSMA (SMA seed, then Wilder — the right
 * semantics) keeps feeding an inner SMA on every later bar (array push/shift + reduce: ~170 ns per
 * update against ~27 ns for RMA). So we accumulate the seed mean here, hand it to EMA/RMA as their
 * first input (x·α + x·(1−α) = x up to one ulp), and feed raw inputs afterwards.
 *
 * Warm-up: `value` is NaN until `period` inputs have arrived. The seed still weighs (1−α)^k on the
 * value k inputs later; see warmup.ts for how many bars make that negligible.
 */
import { EMA, RMA } from "trading-signals";

interface Smoother {
  update(price: number, replace: boolean): number;
}

/** One class for both kinds (a single hidden class keeps the hot path monomorphic). */
export class SeededSmoother {
  /** Current smoothed value; NaN until `period` inputs. */
  value = Number.NaN;
  private count = 0;
  private seedSum = 0;

  constructor(
    readonly period: number,
    private readonly inner: Smoother,
  ) {}

  get ready(): boolean {
    return this.count >= this.period;
  }

  add(x: number): number {
    if (this.count >= this.period) {
      this.value = this.inner.update(x, false);
      return this.value;
    }
    this.seedSum += x;
    this.count++;
    if (this.count === this.period) this.value = this.inner.update(this.seedSum / this.period, false);
    return this.value;
  }
}

/** EMA with TA-Lib seeding: SMA of the first `period` inputs, then α = 2/(period+1). */
export type SeededEma = SeededSmoother;
export function seededEma(period: number): SeededEma {
  return new SeededSmoother(period, new EMA(period));
}

/** Wilder's smoothing (RMA/SMMA) with TA-Lib seeding: SMA of the first `period` inputs, then α = 1/period. */
export type WilderAverage = SeededSmoother;
export function wilderAverage(period: number): WilderAverage {
  return new SeededSmoother(period, new RMA(period));
}

/**
 * ATR, Wilder / TA-Lib definition, streaming.
 *
 * TR_i = max(high − low, |high − close_{i−1}|, |low − close_{i−1}|) from the second bar on (TA-Lib
 * skips the first bar: it has no previous close). ATR seeds with the mean of the first `period` TRs,
 * then ATR = ATR_prev + (TR − ATR_prev)/period. First value on the bar with index `period`.
 * (trading-signals' ATR counts high − low of the first bar as a TR, one bar early, so its seed differs.)
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { getTrueRange } from "trading-signals";
import { type WilderAverage, wilderAverage } from "./smoothers.ts";

export class Atr {
  value = Number.NaN;
  /** True range of the latest bar (NaN on the first bar). */
  tr = Number.NaN;
  private prevClose = Number.NaN;
  private readonly avg: WilderAverage;

  constructor(readonly period: number) {
    this.avg = wilderAverage(period);
  }

  add(bar: { high: number; low: number; close: number }): number {
    const prev = this.prevClose;
    this.prevClose = bar.close;
    if (Number.isNaN(prev)) return this.value;
    this.tr = getTrueRange(bar, prev);
    this.value = this.avg.add(this.tr);
    return this.value;
  }
}

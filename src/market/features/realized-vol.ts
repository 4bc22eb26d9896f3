/**
 * vol_ratio: short over long realized volatility, each the root-mean-square of 1-bar log returns
 * ln(close_i / close_{i−1}) over its window (no demeaning: at bar scale the mean return is noise).
 * Window sums are O(1) and drift-free (window-sum.ts). Ready once `longBars` returns are in; the
 * ratio is 0 when the long window is flat.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { WindowSum } from "./window-sum.ts";

export class RealizedVol {
  short = Number.NaN;
  long = Number.NaN;
  ratio = Number.NaN;
  private readonly shortSum: WindowSum;
  private readonly longSum: WindowSum;
  private prevClose = Number.NaN;

  constructor(
    readonly shortBars: number,
    readonly longBars: number,
  ) {
    this.shortSum = new WindowSum(shortBars);
    this.longSum = new WindowSum(longBars);
  }

  add(close: number, barIndex: number): void {
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return;
    const r = Math.log(close / prev);
    const r2 = r * r;
    this.shortSum.push(r2, barIndex);
    this.longSum.push(r2, barIndex);
    if (!this.longSum.full) return;
    this.short = Math.sqrt(this.shortSum.sum / this.shortBars);
    this.long = Math.sqrt(this.longSum.sum / this.longBars);
    this.ratio = this.long > 0 ? this.short / this.long : 0;
  }
}

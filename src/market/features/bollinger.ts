/**
 * Bollinger bands over the last `period` closes (including the current bar), TA-Lib BBANDS with an
 * SMA middle and the POPULATION standard deviation (divide by n). Computed two-pass over the window
 * each bar, oldest to newest (exact, no drifting running sums; 20 values is cheap). trading-signals'
 * BollingerBands has the same definition but allocates two arrays and a result object per bar
 * (~1.2 µs per update), so the pipeline keeps its own window. First value once `period` closes are in.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { WindowRing } from "./window-ring.ts";

export class Bollinger {
  upper = Number.NaN;
  middle = Number.NaN;
  lower = Number.NaN;
  /** (upper − lower) / middle. */
  width = Number.NaN;
  private readonly ring: WindowRing;

  constructor(
    readonly period: number,
    readonly stdDevs: number,
  ) {
    this.ring = new WindowRing(period);
  }

  add(close: number): void {
    const ring = this.ring;
    ring.push(close);
    if (!ring.full) return;
    const mean = ring.mean();
    const sq = ring.squaredDeviations(mean);
    const band = this.stdDevs * Math.sqrt(sq / this.period);
    this.middle = mean;
    this.upper = mean + band;
    this.lower = mean - band;
    this.width = (2 * band) / mean;
  }
}

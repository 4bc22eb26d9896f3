/**
 * Highest high, lowest low and mean volume of the `bars` bars BEFORE the current one. Excluding the
 * current bar is what makes "close > high20" a breakout and "volume / volumeAvg20" a spike measure.
 * Read the fields with the current bar before `push`ing it. Ready once `bars` bars have been pushed.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { SlidingExtreme } from "./sliding-extreme.ts";
import { WindowSum } from "./window-sum.ts";

export class PriorRange {
  private readonly highs: SlidingExtreme;
  private readonly lows: SlidingExtreme;
  private readonly volumes: WindowSum;

  constructor(readonly bars: number) {
    this.highs = new SlidingExtreme(bars, 1);
    this.lows = new SlidingExtreme(bars, -1);
    this.volumes = new WindowSum(bars);
  }

  get ready(): boolean {
    return this.volumes.full;
  }

  get high(): number {
    return this.highs.value;
  }

  get low(): number {
    return this.lows.value;
  }

  get volumeAvg(): number {
    return this.volumes.sum / this.bars;
  }

  push(high: number, low: number, volume: number, barIndex: number): void {
    this.highs.push(high);
    this.lows.push(low);
    this.volumes.push(volume, barIndex);
  }
}

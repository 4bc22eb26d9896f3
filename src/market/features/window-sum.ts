/**
 * Sum of the last `size` values in O(1) per bar, without drifting: a running sum (add the new value,
 * subtract the one leaving) that is recomputed exactly, oldest to newest, on every bar whose absolute
 * index (open time / bar length) is a multiple of `size`. The value therefore depends only on the data
 * since the last aligned bar — never on how long the pipeline has been running — and the rounding
 * error is bounded by ~2·size additions. Negative residue of a window of zeros is clamped to 0.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { WindowRing } from "./window-ring.ts";

export class WindowSum {
  sum = 0;
  private readonly ring: WindowRing;
  /** barIndex % size of the previous push, advanced by one for consecutive bars (a float modulo is
   * a libm call, ~25 ns: it was the largest single cost of the volume and volatility windows). */
  private phase = 0;
  private lastIndex = Number.NaN;

  constructor(readonly size: number) {
    this.ring = new WindowRing(size);
  }

  get full(): boolean {
    return this.ring.full;
  }

  /** Adds `x` (the bar with absolute index `barIndex`) and drops the value that leaves the window. */
  push(x: number, barIndex: number): void {
    const ring = this.ring;
    const leaving = ring.full ? ring.buf[ring.start]! : 0;
    ring.push(x);
    const phase =
      barIndex === this.lastIndex + 1
        ? this.phase + 1 === this.size
          ? 0
          : this.phase + 1
        : barIndex % this.size;
    this.phase = phase;
    this.lastIndex = barIndex;
    if (phase === 0 && ring.full) {
      const buf = ring.buf;
      const from = ring.start;
      const to = from + this.size;
      let s = 0;
      for (let i = from; i < to; i++) s += buf[i]!;
      this.sum = s;
      return;
    }
    const s = this.sum + x - leaving;
    this.sum = Math.max(s, 0);
  }
}

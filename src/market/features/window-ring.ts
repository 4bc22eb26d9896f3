/**
 * A fixed-size window of the last `size` numbers, stored twice in a buffer of 2·size so the window
 * is always one contiguous run, oldest to newest: buf[start .. start+size). Loops over it need no
 * modulo, and summing in time order makes the rounding independent of how long the ring has run.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
export class WindowRing {
  readonly buf: Float64Array;
  /** Index in `buf` of the oldest value of the window. */
  start = 0;
  count = 0;
  private head = 0;

  constructor(readonly size: number) {
    this.buf = new Float64Array(2 * size);
  }

  get full(): boolean {
    return this.count >= this.size;
  }

  push(x: number): void {
    const n = this.size;
    const h = this.head;
    this.buf[h] = x;
    this.buf[h + n] = x;
    this.head = h + 1 === n ? 0 : h + 1;
    this.start = this.head;
    this.count++;
  }

  /** Mean of the full window, summed oldest to newest. */
  mean(): number {
    const buf = this.buf;
    const to = this.start + this.size;
    let sum = 0;
    for (let i = this.start; i < to; i++) sum += buf[i]!;
    return sum / this.size;
  }

  /** Sum of squared deviations from `mean` over the full window (the two-pass variance's numerator). */
  squaredDeviations(mean: number): number {
    const buf = this.buf;
    const to = this.start + this.size;
    let sq = 0;
    for (let i = this.start; i < to; i++) {
      const d = buf[i]! - mean;
      sq += d * d;
    }
    return sq;
  }
}

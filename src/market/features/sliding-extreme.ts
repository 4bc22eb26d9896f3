/**
 * Maximum (sign = 1) or minimum (sign = −1) of the last `size` values in O(1) amortized per push: a
 * monotonic deque of candidates in a circular buffer. Max and min involve no rounding, so the result
 * is exactly the window's extreme whatever came before it.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
export class SlidingExtreme {
  private readonly vals: Float64Array;
  private readonly seqs: Float64Array;
  private readonly cap: number;
  private head = 0;
  private len = 0;
  private seq = 0;

  constructor(
    readonly size: number,
    private readonly sign: 1 | -1,
  ) {
    this.cap = size + 1;
    this.vals = new Float64Array(this.cap);
    this.seqs = new Float64Array(this.cap);
  }

  /** Extreme of the values pushed so far within the window (NaN before the first push). */
  get value(): number {
    return this.len > 0 ? this.vals[this.head]! * this.sign : Number.NaN;
  }

  push(x: number): void {
    const v = x * this.sign;
    const cap = this.cap;
    let len = this.len;
    while (len > 0) {
      let back = this.head + len - 1;
      if (back >= cap) back -= cap;
      if (this.vals[back]! > v) break;
      len--;
    }
    let at = this.head + len;
    if (at >= cap) at -= cap;
    this.vals[at] = v;
    this.seqs[at] = this.seq;
    len++;
    if (this.seqs[this.head]! <= this.seq - this.size) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      len--;
    }
    this.len = len;
    this.seq++;
  }
}

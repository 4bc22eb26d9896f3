/**
 * Directional movement: +DI, −DI, DX and ADX, Wilder / TA-Lib definition, streaming.
 *
 * Directional move (TA-Lib ta_ADX.c): up = high − prevHigh, down = prevLow − low;
 *   −DM = down  if down > 0 and up < down;   +DM = up  if up > 0 and up > down;   else 0.
 * So a bar whose up-move EQUALS its down-move has +DM = −DM = 0. trading-signals' DX tests
 * `up < down` / `down < up` only and credits BOTH moves on a tie, which inflates both DIs after such
 * a bar; hence the DM step here, with trading-signals' RMA (via WilderAverage) doing the smoothing.
 *
 * Seeding (TA-Lib): Wilder sums of DM and TR start with the first period−1 moves (bars 1..13), so
 * the first ±DI is on bar `period` (14). Feeding one leading 0 to a mean-seeded Wilder average
 * reproduces that exactly up to the common factor 1/period, which cancels in DI = 100·DM/TR.
 * DX = 100·|+DI − −DI| / (+DI + −DI). ADX seeds with the mean of the first `period` DX values
 * (bars 14..27, first ADX on bar 2·period − 1 = 27), then Wilder. Like TA-Lib, a bar where the
 * smoothed TR or the DI sum is 0 adds a 0 DX during the seed and leaves ADX unchanged afterwards.
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { type WilderAverage, wilderAverage } from "./smoothers.ts";

/** +DM of one bar (TA-Lib semantics). */
export function plusDm(high: number, low: number, prevHigh: number, prevLow: number): number {
  const up = high - prevHigh;
  const down = prevLow - low;
  return up > 0 && up > down ? up : 0;
}

/** −DM of one bar (TA-Lib semantics). */
export function minusDm(high: number, low: number, prevHigh: number, prevLow: number): number {
  const up = high - prevHigh;
  const down = prevLow - low;
  return down > 0 && up < down ? down : 0;
}

/** max(high − low, |high − prevClose|, |low − prevClose|) with two-argument Math.max (the three-argument form is not inlined). */
export function trueRange(high: number, low: number, prevClose: number): number {
  const hl = high - low;
  const hc = high > prevClose ? high - prevClose : prevClose - high;
  const lc = low > prevClose ? low - prevClose : prevClose - low;
  return Math.max(Math.max(hl, hc), lc);
}

export class Dmi {
  plusDi = Number.NaN;
  minusDi = Number.NaN;
  dx = Number.NaN;
  adx = Number.NaN;
  private bars = 0;
  private prevHigh = 0;
  private prevLow = 0;
  private prevClose = 0;
  private readonly pdm: WilderAverage;
  private readonly mdm: WilderAverage;
  private readonly tr: WilderAverage;
  private readonly adxAvg: WilderAverage;

  constructor(readonly period: number) {
    this.pdm = wilderAverage(period);
    this.mdm = wilderAverage(period);
    this.tr = wilderAverage(period);
    this.adxAvg = wilderAverage(period);
  }

  add(high: number, low: number, close: number): void {
    const first = this.bars === 0;
    this.bars++;
    if (first) {
      this.pdm.add(0);
      this.mdm.add(0);
      this.tr.add(0);
    } else {
      const ph = this.prevHigh;
      const pl = this.prevLow;
      const pc = this.prevClose;
      this.pdm.add(plusDm(high, low, ph, pl));
      this.mdm.add(minusDm(high, low, ph, pl));
      this.tr.add(trueRange(high, low, pc));
    }
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
    if (this.bars <= this.period) return;

    const tr = this.tr.value;
    const valid = tr > 0;
    this.plusDi = valid ? (100 * this.pdm.value) / tr : 0;
    this.minusDi = valid ? (100 * this.mdm.value) / tr : 0;
    const sum = this.plusDi + this.minusDi;
    const ok = valid && sum > 0;
    this.dx = ok ? (100 * Math.abs(this.plusDi - this.minusDi)) / sum : 0;
    if (!this.adxAvg.ready) this.adx = this.adxAvg.add(this.dx);
    else if (ok) this.adx = this.adxAvg.add(this.dx);
  }
}

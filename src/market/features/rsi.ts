/**
 * RSI, Wilder / TA-Lib definition, streaming.
 *
 * change_i = close_i − close_{i−1}; gain = max(change, 0), loss = max(−change, 0), each smoothed with
 * a Wilder average seeded by the mean of the first `period` changes (TA-Lib RSI, unstable period 0).
 * RSI = 100 · avgGain / (avgGain + avgLoss), and 0 when both are 0 (TA-Lib; trading-signals' RSI says
 * 100 there). First value on the bar with index `period` (the first bar only sets the previous close).
 *
 * Reference definition: FeaturePipeline runs this same arithmetic fused over flat state
 * (pipeline.ts, fused-steps.ts); tests hold the two bit-identical on real data.
 */
import { type WilderAverage, wilderAverage } from "./smoothers.ts";

export class Rsi {
  value = Number.NaN;
  private prevClose = Number.NaN;
  private readonly gain: WilderAverage;
  private readonly loss: WilderAverage;

  constructor(readonly period: number) {
    this.gain = wilderAverage(period);
    this.loss = wilderAverage(period);
  }

  add(close: number): number {
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return this.value;
    const change = close - prev;
    const g = this.gain.add(Math.max(change, 0));
    const l = this.loss.add(change < 0 ? -change : 0);
    if (!this.gain.ready) return this.value;
    const sum = g + l;
    this.value = sum > 0 ? (100 * g) / sum : 0;
    return this.value;
  }
}

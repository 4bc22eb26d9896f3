/**
 * One coin's replayed price: a continuous path through the real candles (finest file covering the
 * time: 15m, else 1h, else 4h). Inside a bar the path runs open → low → high → close when the bar
 * closed up (open → high → low → close when down), linearly over thirds of the bar, so the path's
 * extremes over any span are the real highs and lows. Marks, mids, trigger checks and the forming
 * candle all come from this one path. Past the end of the data the price stays at the last close.
 */
import { type CandleSeries, FILE_INTERVALS, type MarketData } from "./data.ts";

export interface PathCandle {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}

export class PriceModel {
  private readonly series: CandleSeries[];

  constructor(
    data: MarketData,
    readonly coin: string,
  ) {
    this.series = FILE_INTERVALS.map((i) => data.candles(coin, i)).filter(
      (s): s is CandleSeries => s !== null,
    );
  }

  /** First instant with a price (the coin was not listed before). */
  get start(): number {
    return Math.min(...this.series.map((s) => s.t0), Number.POSITIVE_INFINITY);
  }

  /** First instant after the data (prices freeze there). */
  get end(): number {
    return Math.max(...this.series.map((s) => s.t0 + s.n * s.len), Number.NEGATIVE_INFINITY);
  }

  /** True when real data covers `t` (a forming candle exists). */
  covers(t: number): boolean {
    return this.seriesAt(t) !== null;
  }

  private seriesAt(t: number): CandleSeries | null {
    for (const s of this.series) if (t >= s.t0 && t < s.t0 + s.n * s.len) return s;
    return null;
  }

  private lastClose(): number | null {
    let best: CandleSeries | null = null;
    for (const s of this.series) if (!best || s.t0 + s.n * s.len > best.t0 + best.n * best.len) best = s;
    return best ? best.c[best.n - 1]! : null;
  }

  /** Path price at `t`, or null before the coin's first candle. */
  priceAt(t: number): number | null {
    const s = this.seriesAt(t);
    if (!s) return t < this.start ? null : this.lastClose();
    const i = Math.floor((t - s.t0) / s.len);
    const open = s.t0 + i * s.len;
    const third = s.len / 3;
    const x = (t - open) / third;
    const [p0, p1, p2, p3] = vertices(s, i);
    if (x < 1) return p0 + (p1 - p0) * x;
    if (x < 2) return p1 + (p2 - p1) * (x - 1);
    return p2 + (p3 - p2) * (x - 2);
  }

  /** Price just before `t`: the close of the bar ending at `t`, else the path at `t`. */
  private priceBefore(t: number): number | null {
    const s = this.seriesAt(t - 1);
    if (s && (t - s.t0) % s.len === 0) return s.c[(t - s.t0) / s.len - 1]!;
    return this.priceAt(t);
  }

  /** Lowest and highest path price over [t0, t1]. */
  extremes(t0: number, t1: number): { min: number; max: number } | null {
    const a = this.priceAt(t0);
    const b = this.priceAt(t1);
    if (a === null || b === null) return a === null && b === null ? null : { min: a ?? b!, max: a ?? b! };
    let min = Math.min(a, b);
    let max = Math.max(a, b);
    let t = t0;
    while (t < t1) {
      const s = this.seriesAt(t);
      if (!s) break;
      const i = Math.floor((t - s.t0) / s.len);
      const open = s.t0 + i * s.len;
      const vs = vertices(s, i);
      for (let k = 1; k <= 3; k++) {
        const vt = open + (k * s.len) / 3;
        if (vt > t0 && vt < t1) {
          const p = vs[k]!;
          if (p < min) min = p;
          if (p > max) max = p;
        }
      }
      t = open + s.len;
    }
    return { min, max };
  }

  /** Base volume traded in [t0, t1), pro-rated from the finest covering bars. */
  volume(t0: number, t1: number): number {
    let sum = 0;
    let t = t0;
    while (t < t1) {
      const s = this.seriesAt(t);
      if (!s) break;
      const i = Math.floor((t - s.t0) / s.len);
      const end = Math.min(t1, s.t0 + (i + 1) * s.len);
      sum += (s.v[i]! * (end - t)) / s.len;
      t = end;
    }
    return sum;
  }

  /** A candle built from the path over [t, min(t + len, now)); null when no data covers it. */
  pathCandle(t: number, len: number, now: number): PathCandle | null {
    const end = Math.min(t + len, now);
    if (end <= t || !this.covers(t)) return null;
    const o = this.priceAt(t);
    const c = end === t + len ? this.priceBefore(end) : this.priceAt(end);
    const ext = this.extremes(t, end - 1);
    if (o === null || c === null || ext === null) return null;
    return {
      t,
      o,
      c,
      h: Math.max(o, c, ext.max),
      l: Math.min(o, c, ext.min),
      v: this.volume(t, end),
    };
  }
}

/** The four path points of bar i: open, first extreme, second extreme, close. */
function vertices(s: CandleSeries, i: number): [number, number, number, number] {
  const o = s.o[i]!;
  const c = s.c[i]!;
  return c >= o ? [o, s.l[i]!, s.h[i]!, c] : [o, s.h[i]!, s.l[i]!, c];
}

/**
 * Feature reuse for sweeps: a coin × interval's features depend only on its data and the `features`
 * config, never on strategy, exit, friction or risk keys. A FeatureTape records every bar's features
 * during one backtest (`recording`) and hands them back to later backtests over the same data and
 * feature parameters (`replaying`), which then run only the regime, the scan and the books. The tape
 * plugs into SignalEngine as its FeatureSeriesFactory, so the regime and scan code is the engine's own
 * and the results are bit-identical to a run that computes its features (tests/sim/sweep-reuse.test.ts).
 * A replay checks each bar's open time against the tape and throws TapeMismatchError on any
 * difference, so a tape can never silently feed another run's features.
 *
 * `hurst` stays lazy, as on a pipeline (only zscore_reversion reads it, on the few bars its other
 * conditions hold): a recorded bar's hurst is an own enumerable getter that computes the value on
 * first read from the series' recorded closes — the same log returns and log closes, the same
 * hurstOf, so the same bits (tests/sim/feature-cache.test.ts) — and keeps it for every later replay.
 * Copying it eagerly computed it on every bar of every series: 40% of a recording's time, measured.
 */
import type { FeaturesConfig } from "../config/sections/features.ts";
import { BotError } from "../core/errors.ts";
import type { Interval } from "../core/intervals.ts";
import type { FeatureSeries, FeatureSeriesFactory } from "../engine/signal-engine.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { Features } from "../market/features/features.ts";
import { hurstOf } from "../market/features/fused-steps.ts";
import { hurstSlopeCoefficients, hurstWindowSizes } from "../market/features/hurst.ts";
import { FeaturePipeline } from "../market/features/pipeline.ts";

/** A replay asked for a series or a bar the tape does not hold: the tape belongs to other data. */
export class TapeMismatchError extends BotError {
  readonly kind = "tape_mismatch";
}

interface Recorded {
  t: number[];
  /** A copy per bar (null while warming up); read-only once recorded (its hurst is lazy). */
  f: (Features | null)[];
  /** The close of every bar fed (warming bars too): what a bar's hurst is computed from. */
  close: number[];
  /** From the seal on: each bar's hurst once computed, and which bars have it. */
  hurst: Float64Array | null;
  hurstDone: Uint8Array | null;
}

export class FeatureTape {
  private readonly series = new Map<string, Recorded>();
  private sealed = false;

  /** Bars held, over all series. */
  get bars(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.t.length;
    return n;
  }

  /** Real pipelines that also copy each bar's features onto the tape (one recording per tape). */
  recording(): FeatureSeriesFactory {
    if (this.sealed) throw new TapeMismatchError("a feature tape is recorded once");
    let copy: ((f: Features) => Features) | null = null;
    return (coin: string, interval: Interval, params: FeaturesConfig): FeatureSeries => {
      const real = new FeaturePipeline(interval, params);
      const rec: Recorded = { t: [], f: [], close: [], hurst: null, hurstDone: null };
      this.series.set(key(coin, interval), rec);
      const lazy = lazyHurst(rec, params.hurst_bars);
      return {
        update(c: Candle, fundingHourly: number | null) {
          real.update(c, fundingHourly);
          rec.t.push(c.t);
          rec.close.push(c.close);
          // Every field but hurst is copied; hurst becomes the getter (never computed here).
          const f = real.latest;
          if (f !== null && copy === null) copy = copier(f);
          if (f === null || copy === null) rec.f.push(null);
          else rec.f.push(Object.defineProperty(copy(f), "hurst", lazy));
        },
        get latest() {
          return real.latest;
        },
      };
    };
  }

  /** Marks the recording complete: from now on only replays. */
  seal(): void {
    this.sealed = true;
    for (const rec of this.series.values()) {
      rec.hurst = new Float64Array(rec.t.length);
      rec.hurstDone = new Uint8Array(rec.t.length);
    }
  }

  /** Series that replay the recorded features bar by bar. */
  replaying(): FeatureSeriesFactory {
    if (!this.sealed) throw new TapeMismatchError("a feature tape replays only after its recording ended");
    return (coin: string, interval: Interval): FeatureSeries => {
      const rec = this.series.get(key(coin, interval));
      if (!rec) throw new TapeMismatchError(`no recorded features for ${coin} ${interval}`);
      let i = 0;
      let latest: Features | null = null;
      return {
        update(c: Candle) {
          if (rec.t[i] !== c.t)
            throw new TapeMismatchError(
              `${coin} ${interval}: bar ${c.t} fed where the tape holds ${rec.t[i] ?? "nothing"}`,
            );
          latest = rec.f[i++] ?? null;
        },
        get latest() {
          return latest;
        },
      };
    };
  }
}

const key = (coin: string, interval: Interval) => `${coin}\u0000${interval}`;

/**
 * A copier of Features objects as one object literal over their own keys but hurst (added by the
 * caller as a getter): every copy has one shape (fast to read in the replays) and no getter of the
 * pipeline's (a spread of the pipeline's object takes the runtime's slow cloning path).
 */
function copier(sample: Features): (f: Features) => Features {
  const keys = Object.keys(sample).filter((k) => k !== "hurst");
  for (const k of keys)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new TapeMismatchError(`feature name ${k}`);
  return new Function("f", `return {${keys.map((k) => `${k}: f.${k}`).join(", ")}};`) as (
    f: Features,
  ) => Features;
}

/**
 * The `hurst` property of a series' recorded bars: computed on first read, as FeaturePipeline does,
 * from the bar's last hurst_bars log returns and hurst_bars + 1 log closes (pipeline.ts feeds its
 * rings with exactly Math.log(close / previous close) and Math.log(close)); NaN before hurst_bars
 * returns, like the pipeline.
 */
function lazyHurst(rec: Recorded, n: number): PropertyDescriptor {
  const sizesList = hurstWindowSizes(n);
  const sizes = Int32Array.from(sizesList);
  const coefs = hurstSlopeCoefficients(sizesList);
  const r = new Float64Array(n);
  const lg = new Float64Array(n + 1);
  return {
    enumerable: true,
    get(this: Features): number {
      const i = indexOf(rec.t, this.t);
      const { hurst, hurstDone: done } = rec;
      if (hurst !== null && done !== null && done[i] === 1) return hurst[i]!;
      let h = Number.NaN;
      // Returns are counted from the second bar fed: bar i has i of them.
      if (i >= n) {
        const c = rec.close;
        for (let j = 0; j <= n; j++) lg[j] = Math.log(c[i - n + j]!);
        for (let j = 0; j < n; j++) r[j] = Math.log(c[i - n + 1 + j]! / c[i - n + j]!);
        h = hurstOf(r, 0, lg, 0, n, sizes, coefs);
      }
      if (hurst !== null && done !== null) {
        hurst[i] = h;
        done[i] = 1;
      }
      return h;
    },
  };
}

/** Index of open time `t` in the ascending `ts` (a recorded bar's own time: always present). */
function indexOf(ts: readonly number[], t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  if (ts[lo] !== t) throw new TapeMismatchError(`no recorded bar at ${t}`);
  return lo;
}

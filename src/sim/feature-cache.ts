/**
 * Feature reuse for sweeps: a coin × interval's features depend only on its data and the `features`
 * config, never on strategy, exit, friction or risk keys. A FeatureTape records every bar's features
 * during one backtest (`recording`) and hands them back to later backtests over the same data and
 * feature parameters (`replaying`), which then run only the regime, the scan and the books. The tape
 * plugs into SignalEngine as its FeatureSeriesFactory, so the regime and scan code is the engine's own
 * and the results are bit-identical to a run that computes its features (tests/sim/sweep-reuse.test.ts).
 * A replay checks each bar's open time against the tape and throws TapeMismatchError on any
 * difference, so a tape can never silently feed another run's features.
 */
import type { FeaturesConfig } from "../config/sections/features.ts";
import { BotError } from "../core/errors.ts";
import type { Interval } from "../core/intervals.ts";
import type { FeatureSeries, FeatureSeriesFactory } from "../engine/signal-engine.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { Features } from "../market/features/features.ts";
import { FeaturePipeline } from "../market/features/pipeline.ts";

/** A replay asked for a series or a bar the tape does not hold: the tape belongs to other data. */
export class TapeMismatchError extends BotError {
  readonly kind = "tape_mismatch";
}

interface Recorded {
  t: number[];
  /** A copy per bar (null while warming up); read-only once recorded. */
  f: (Features | null)[];
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
      const rec: Recorded = { t: [], f: [] };
      this.series.set(key(coin, interval), rec);
      return {
        update(c: Candle, fundingHourly: number | null) {
          real.update(c, fundingHourly);
          rec.t.push(c.t);
          // The copy reads every field, the lazily computed hurst too (same value as on first read).
          const f = real.latest;
          if (f !== null && copy === null) copy = copier(f);
          rec.f.push(f === null || copy === null ? null : copy(f));
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
 * A copier of Features objects as one object literal over their own keys: every copy has one shape
 * (fast to read in the replays) and no getter (a spread of the pipeline's object, whose hurst is a
 * getter, takes the runtime's slow cloning path — 40% of a recording's time when measured).
 */
function copier(sample: Features): (f: Features) => Features {
  const keys = Object.keys(sample);
  for (const k of keys)
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new TapeMismatchError(`feature name ${k}`);
  return new Function("f", `return {${keys.map((k) => `${k}: f.${k}`).join(", ")}};`) as (
    f: Features,
  ) => Features;
}

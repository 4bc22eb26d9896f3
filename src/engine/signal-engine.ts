/**
 * The signal engine behind the engine's SignalSource port: one FeaturePipeline per coin × interval,
 * the regime, and the per-coin scan. The tick must feed every bar that closed (onClosedBar) BEFORE
 * asking for regimes and scans, so the regime sees the latest closed reference bars; nothing here
 * reads a bar that has not closed by `now` (scan throws LookaheadError if asked to).
 */
import type { Regime } from "../core/bucket.ts";
import { BotError } from "../core/errors.ts";
import { type Interval, isClosed } from "../core/intervals.ts";
import type { Features } from "../market/features/features.ts";
import { FeaturePipeline } from "../market/features/pipeline.ts";
import type { ClosedBar, SignalSource } from "./ports.ts";
import { classifyRegime, regimeCoin } from "./regime.ts";
import {
  type BarScan,
  createScanSetup,
  type ScanResult,
  type ScanSetup,
  type SignalConfig,
  scanClosedBar,
  scanCoin,
} from "./scan.ts";

/** A scan was asked for a bar that has not closed at `now`: that would be a lookahead. */
export class LookaheadError extends BotError {
  readonly kind = "lookahead";
  constructor(
    readonly coin: string,
    readonly interval: Interval,
    readonly candleT: number,
    readonly now: number,
  ) {
    super(`${coin} ${interval} candle ${candleT} is not closed at ${now}`);
  }
}

export class SignalEngine implements SignalSource {
  readonly setup: ScanSetup;
  /** coin → its pipelines by interval (a small record: one Map lookup per bar, then a property). */
  private readonly pipelines = new Map<string, Partial<Record<Interval, FeaturePipeline>>>();
  /** Reused argument of scanCoin (one closed bar per scan). */
  private readonly scratch: { timeframe: Interval; features: Features }[] = [];
  private readonly regimeMemo = new Map<string, { fed: number; regime: Regime }>();
  /** Bars fed so far: a regime computed after the last feed is still current. */
  private fed = 0;
  /** Reused result of scan(). */
  private readonly barScan: BarScan = { shadow: [], live: [] };

  constructor(private readonly cfg: SignalConfig) {
    this.setup = createScanSetup(cfg);
  }

  /** Bars a pipeline consumes before its first features (load at least this much history). */
  get warmupBars(): number {
    return FeaturePipeline.warmupBars(this.cfg.features);
  }

  private pipeline(coin: string, interval: Interval): FeaturePipeline {
    let byInterval = this.pipelines.get(coin);
    if (byInterval === undefined) {
      byInterval = {};
      this.pipelines.set(coin, byInterval);
    }
    let p = byInterval[interval];
    if (p === undefined) {
      p = new FeaturePipeline(interval, this.cfg.features);
      byInterval[interval] = p;
    }
    return p;
  }

  onClosedBar(bar: ClosedBar, fundingHourly: number | null): void {
    this.pipeline(bar.coin, bar.interval).update(bar.candle, fundingHourly);
    this.fed++;
  }

  /** Latest features of a coin × interval (null while warming up). Overwritten by the next bar. */
  features(coin: string, interval: Interval): Features | null {
    return this.pipelines.get(coin)?.[interval]?.latest ?? null;
  }

  /** Regime of a coin; recomputed only after new bars were fed (memo per source coin). */
  regime(coin: string): Regime {
    const r = this.cfg.regime;
    const src = regimeCoin(coin, r);
    const memo = this.regimeMemo.get(src);
    if (memo !== undefined && memo.fed === this.fed) return memo.regime;
    const regime = classifyRegime(
      this.features(src, r.bias_timeframe),
      this.features(src, r.trend_timeframe),
      r,
    );
    if (memo === undefined) this.regimeMemo.set(src, { fed: this.fed, regime });
    else {
      memo.fed = this.fed;
      memo.regime = regime;
    }
    return regime;
  }

  /** Full scan result (all candidates and the best) of one threshold set for the bar just fed. */
  scanBar(bar: ClosedBar, set: "live" | "shadow", now: number): ScanResult {
    const f = this.closedFeatures(bar, now);
    if (f === null) return scanCoin(this.setup, set, bar.coin, [], "Neutral");
    const closed = this.scratch;
    if (closed.length === 0) closed.push({ timeframe: bar.interval, features: f });
    closed[0]!.timeframe = bar.interval;
    closed[0]!.features = f;
    return scanCoin(this.setup, set, bar.coin, closed, this.regime(bar.coin));
  }

  /** The bar's candidates under the shadow set and (withLive) the live set; reused by the next call. */
  scan(bar: ClosedBar, now: number, withLive: boolean): BarScan {
    const f = this.closedFeatures(bar, now);
    const out = this.barScan;
    if (f === null || !this.setup.byTimeframe.has(bar.interval)) {
      out.shadow.length = 0;
      out.live.length = 0;
      return out;
    }
    return scanClosedBar(this.setup, bar.coin, bar.interval, f, this.regime(bar.coin), withLive, out);
  }

  /** Features of `bar` if it is the latest bar fed for its series (null while warming up or stale). */
  private closedFeatures(bar: ClosedBar, now: number): Features | null {
    if (!isClosed(bar.candle.t, bar.interval, now)) {
      throw new LookaheadError(bar.coin, bar.interval, bar.candle.t, now);
    }
    const f = this.features(bar.coin, bar.interval);
    return f === null || f.t !== bar.candle.t ? null : f;
  }
}

/**
 * The signal engine behind the engine's SignalSource port: one FeaturePipeline per coin × interval,
 * the regime, and the per-coin scan. The tick must feed every bar that closed (onClosedBar) BEFORE
 * asking for regimes and scans, so the regime sees the latest closed reference bars; nothing here
 * reads a bar that has not closed by `now` (scan throws LookaheadError if asked to).
 */

import type { BoundStrategy } from "../../strategies/index.ts";
import type { FeaturesConfig } from "../config/sections/features.ts";
import type { Regime } from "../core/bucket.ts";
import { BotError } from "../core/errors.ts";
import { type Interval, isClosed } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { Candle } from "../ledger/repos/candles.ts";
import type { Features } from "../market/features/features.ts";
import { FeaturePipeline } from "../market/features/pipeline.ts";
import type { BarCandidates, ClosedBar, SignalSource } from "./ports.ts";
import type { Position } from "./position.ts";
import { classifyRegime, regimeCoin } from "./regime.ts";
import {
  type BarScan,
  barContext,
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

/** What a coin × interval's features come from: a FeaturePipeline, or a replay of one (sim/feature-cache.ts). */
export interface FeatureSeries {
  update(c: Candle, fundingHourly: number | null): unknown;
  readonly latest: Features | null;
}

/** Creates the feature series of a coin × interval (default: a fresh FeaturePipeline). */
export type FeatureSeriesFactory = (
  coin: string,
  interval: Interval,
  params: FeaturesConfig,
) => FeatureSeries;

const newPipeline: FeatureSeriesFactory = (_coin, interval, params) => new FeaturePipeline(interval, params);

/** One coin's pipelines, one slot per interval, and whether its candidates are wanted. */
class CoinSeries {
  /** Every key up front, in one order: one hidden class for all coins (keys added as series appear
   * would give coins different shapes and make every lookup polymorphic). */
  readonly byInterval: Record<Interval, FeatureSeries | undefined> = {
    "1m": undefined,
    "5m": undefined,
    "15m": undefined,
    "1h": undefined,
    "4h": undefined,
    "1d": undefined,
  };
  constructor(readonly traded: boolean) {}
}

const NOTHING: BarCandidates = Object.freeze({ shadow: Object.freeze([]), live: Object.freeze([]) });

export class SignalEngine implements SignalSource {
  readonly setup: ScanSetup;
  /** coin → its pipelines (one Map lookup per bar, then a property). */
  private readonly coins = new Map<string, CoinSeries>();
  /** Reused argument of scanCoin (one closed bar per scan). */
  private readonly scratch: { timeframe: Interval; features: Features }[] = [];
  /** Bars fed so far: a regime computed after the last feed is still current. */
  private fed = 0;
  private readonly regimeMemo = new Map<string, { fed: number; regime: Regime }>();
  /** Reused result of scan(). */
  private readonly barScan: BarScan = { shadow: [], live: [] };
  /** The strategies with a CLOSE rule, by timeframe then name. */
  private readonly exitRules = new Map<Interval, Map<string, BoundStrategy>>();
  /** The timeframe of each strategy that has a CLOSE rule. */
  private readonly closeTimeframes = new Map<string, Interval>();

  /**
   * @param traded coins whose bars may produce candidates (null = all); the others (the regime's
   *   reference coin when it is not traded) are fed and read, never scanned.
   */
  constructor(
    private readonly cfg: SignalConfig,
    private readonly traded: ReadonlySet<string> | null = null,
    private readonly newSeries: FeatureSeriesFactory = newPipeline,
  ) {
    this.setup = createScanSetup(cfg);
    for (const s of this.setup.strategies) {
      if (!s.exitSignal) continue;
      const byName = this.exitRules.get(s.timeframe) ?? new Map<string, BoundStrategy>();
      byName.set(s.name, s);
      this.exitRules.set(s.timeframe, byName);
      this.closeTimeframes.set(s.name, s.timeframe);
    }
  }

  /** Bars a pipeline consumes before its first features (load at least this much history). */
  get warmupBars(): number {
    return FeaturePipeline.warmupBars(this.cfg.features);
  }

  private pipeline(coin: string, interval: Interval): FeatureSeries {
    let series = this.coins.get(coin);
    if (series === undefined) {
      series = new CoinSeries(this.traded === null || this.traded.has(coin));
      this.coins.set(coin, series);
    }
    let p = series.byInterval[interval];
    if (p === undefined) {
      p = this.newSeries(coin, interval, this.cfg.features);
      series.byInterval[interval] = p;
    }
    return p;
  }

  onClosedBar(bar: ClosedBar, fundingHourly: number | null): void {
    this.pipeline(bar.coin, bar.interval).update(bar.candle, fundingHourly);
    this.fed++;
  }

  /** Latest features of a coin × interval (null while warming up). Overwritten by the next bar. */
  features(coin: string, interval: Interval): Features | null {
    return this.coins.get(coin)?.byInterval[interval]?.latest ?? null;
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

  /**
   * The bar's candidates under the shadow set and (withLive) the live set; reused by the next call.
   * Nothing for a coin that is not traded, a bar other than its series' latest, or a warming series.
   */
  scan(bar: ClosedBar, now: number, withLive: boolean): BarCandidates {
    const f = this.closedFeatures(bar, now);
    if (f === null) return NOTHING;
    const strategies = this.setup.byTimeframe.get(bar.interval);
    if (strategies === undefined) return NOTHING;
    const regime = this.regime(bar.coin);
    return scanClosedBar(this.setup, strategies, bar.coin, bar.interval, f, regime, withLive, this.barScan);
  }

  /**
   * The CLOSE rule of the strategy that opened `p`, on `bar` (a bar of that strategy's timeframe):
   * the bar's features and bucket context, the threshold set of the position's path. False when the
   * strategy has no rule, the bar is of another timeframe, or the series is warming up.
   */
  closeSignal(bar: ClosedBar, p: Position, now: number): boolean {
    if (bar.coin !== p.coin) return false;
    const s = this.exitRules.get(bar.interval)?.get(p.strategy);
    if (s === undefined) return false;
    const f = this.closedFeatures(bar, now);
    if (f === null) return false;
    const ctx = barContext(this.setup, bar.coin, f, this.regime(bar.coin));
    return s.exitSignal!(f, ctx, p.side, p.mode) === "close";
  }

  /** The timeframe of `strategy`'s CLOSE rule (undefined: it has none). */
  closeRuleTimeframe(strategy: string): Interval | undefined {
    return this.closeTimeframes.get(strategy);
  }

  /** Whether `c`'s strategy still emits `c.side` on the latest closed bar of its timeframe (under `set`). */
  signalHolds(c: Candidate, set: "shadow" | "live", now: number): boolean {
    const s = this.setup.byTimeframe.get(c.timeframe)?.find((x) => x.name === c.strategy);
    const f = this.features(c.coin, c.timeframe);
    if (s === undefined || f === null || f.closeT > now) return false;
    const ctx = barContext(this.setup, c.coin, f, this.regime(c.coin));
    return s.evaluate(f, ctx, set)?.side === c.side;
  }

  /** Features of `bar` if it is the latest bar fed for its traded series (null while warming up or stale). */
  private closedFeatures(bar: ClosedBar, now: number): Features | null {
    if (!isClosed(bar.candle.t, bar.interval, now)) {
      throw new LookaheadError(bar.coin, bar.interval, bar.candle.t, now);
    }
    const series = this.coins.get(bar.coin);
    if (series === undefined || !series.traded) return null;
    const f = series.byInterval[bar.interval]?.latest ?? null;
    return f === null || f.t !== bar.candle.t ? null : f;
  }
}

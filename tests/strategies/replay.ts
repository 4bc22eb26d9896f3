/**
 * A small multi-series replay for the signal tests: every bar of the given coins × timeframes (plus
 * the regime's reference series) is fed to a SignalEngine at its close time, in time order, with the
 * funding known at that time; then the bars that just closed are scanned. Data after `endT` (bars
 * closing later, funding published later) is dropped, which is what "the data ends at t" means.
 */
import { FeaturesSection } from "../../src/config/sections/features.ts";
import { RegimeSection } from "../../src/config/sections/regime.ts";
import { SessionsSection } from "../../src/config/sections/sessions.ts";
import { StrategiesSection } from "../../src/config/sections/strategies.ts";
import type { Regime } from "../../src/core/bucket.ts";
import { type Interval, intervalMs } from "../../src/core/intervals.ts";
import type { Candidate } from "../../src/core/signal.ts";
import type { ClosedBar } from "../../src/engine/ports.ts";
import type { SignalConfig } from "../../src/engine/scan.ts";
import { SessionTable } from "../../src/engine/session.ts";
import { SignalEngine } from "../../src/engine/signal-engine.ts";
import { volBucket } from "../../src/engine/vol-bucket.ts";
import type { Features } from "../../src/market/features/features.ts";
import { FundingCursor } from "../../src/market/features/funding-cursor.ts";
import { FeaturePipeline } from "../../src/market/features/pipeline.ts";
import type { StrategyContext } from "../../strategies/types.ts";
import { candles, funding } from "../market/features/real-data.ts";

export function defaultSignalConfig(): SignalConfig {
  return {
    features: FeaturesSection.parse({}),
    sessions: SessionsSection.parse({}),
    regime: RegimeSection.parse({}),
    strategies: StrategiesSection.parse({}),
  };
}

export interface ReplayOptions {
  coins: readonly string[];
  timeframes: readonly Interval[];
  set: "live" | "shadow";
  /** Drop bars that open before this time (ms). */
  startT?: number;
  /** Drop bars that close after this time, and funding published after it (ms). */
  endT?: number;
  config?: SignalConfig;
}

/** One decision, reduced to what must be reproducible. */
export type Decision = Pick<
  Candidate,
  | "strategy"
  | "coin"
  | "timeframe"
  | "side"
  | "candleT"
  | "decidedAt"
  | "scoreRaw"
  | "score"
  | "stop"
  | "target"
> &
  Pick<Candidate, "regime" | "session" | "volBucket" | "setupKey" | "features">;

export function replay(o: ReplayOptions): Decision[] {
  const cfg = o.config ?? defaultSignalConfig();
  const engine = new SignalEngine(cfg);
  const startT = o.startT ?? Number.NEGATIVE_INFINITY;
  const endT = o.endT ?? Number.POSITIVE_INFINITY;
  const series = new Map<string, { coin: string; interval: Interval; scan: boolean }>();
  for (const coin of o.coins)
    for (const tf of o.timeframes) series.set(`${coin}|${tf}`, { coin, interval: tf, scan: true });
  const ref = cfg.regime.reference_coin;
  for (const tf of [cfg.regime.bias_timeframe, cfg.regime.trend_timeframe]) {
    if (!series.has(`${ref}|${tf}`)) series.set(`${ref}|${tf}`, { coin: ref, interval: tf, scan: false });
  }
  const cursors = new Map<string, FundingCursor>();
  for (const coin of new Set([...o.coins, ref])) {
    cursors.set(coin, new FundingCursor(funding(coin).filter((e) => e.eventT <= endT)));
  }
  const events: { closeT: number; bar: ClosedBar; cursor: FundingCursor; scan: boolean }[] = [];
  for (const s of series.values()) {
    const len = intervalMs(s.interval);
    const cursor = cursors.get(s.coin)!;
    for (const candle of candles(s.coin, s.interval)) {
      if (candle.t < startT || candle.t + len > endT) continue;
      events.push({
        closeT: candle.t + len,
        bar: { coin: s.coin, interval: s.interval, candle },
        cursor,
        scan: s.scan,
      });
    }
  }
  events.sort((a, b) => a.closeT - b.closeT);
  const out: Decision[] = [];
  for (let k = 0; k < events.length; ) {
    const closeT = events[k]!.closeT;
    let end = k;
    while (end < events.length && events[end]!.closeT === closeT) end++;
    for (let j = k; j < end; j++) engine.onClosedBar(events[j]!.bar, events[j]!.cursor.at(closeT));
    for (let j = k; j < end; j++) {
      const e = events[j]!;
      if (!e.scan) continue;
      for (const c of engine.scanBar(e.bar, o.set, closeT).candidates) {
        const { strategy, coin, timeframe, side, candleT, decidedAt, scoreRaw, score, stop, target } = c;
        const { regime, session, volBucket, setupKey, features } = c;
        out.push({
          ...{ strategy, coin, timeframe, side, candleT, decidedAt, scoreRaw, score, stop, target },
          ...{ regime, session, volBucket, setupKey, features },
        });
      }
    }
    k = end;
  }
  return out;
}

/** A copy of the features of `coin` `tf` at the bar opening at `t`, computed from the start of the data. */
export function featuresAt(coin: string, tf: Interval, t: number): Features {
  const cfg = defaultSignalConfig();
  const p = new FeaturePipeline(tf, cfg.features);
  const cursor = new FundingCursor(funding(coin));
  for (const c of candles(coin, tf)) {
    const f = p.update(c, cursor.at(c.t + intervalMs(tf)));
    if (c.t === t) {
      if (f === null) throw new Error(`${coin} ${tf} ${t} is inside the warm-up`);
      return { ...f };
    }
  }
  throw new Error(`${coin} ${tf}: no bar at ${t}`);
}

/** The context a scan would give that bar (regime fixed by the caller). */
export function contextAt(coin: string, f: Features, regime: Regime = "Neutral"): StrategyContext {
  const cfg = defaultSignalConfig();
  return {
    coin,
    session: new SessionTable(cfg.sessions).at(f.closeT),
    volBucket: volBucket(f.volRatio, cfg.features.vol_bucket),
    regime,
  };
}

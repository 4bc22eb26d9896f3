/**
 * Signal engine throughput: one bar-update = one closed candle through one coin × timeframe feature
 * pipeline plus the scan of every strategy of that timeframe (shadow AND live threshold sets, as the
 * tick runs both), over all 23 HL coins × 15m/1h/4h of ../shared/data. Compared with a plain loop
 * over the same candle arrays computing one EMA (the floor of any per-bar work), and with the naive
 * use of trading-signals' composite indicator classes for the same indicators (no strategies).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ADX, ATR, BollingerBands, EMA, RSI } from "trading-signals";
import { DEFAULT_COINS } from "../src/config/sections/engine.ts";
import { FeaturesSection } from "../src/config/sections/features.ts";
import { RegimeSection } from "../src/config/sections/regime.ts";
import { SessionsSection } from "../src/config/sections/sessions.ts";
import { StrategiesSection } from "../src/config/sections/strategies.ts";
import { type Interval, intervalMs } from "../src/core/intervals.ts";
import { createScanSetup, scanCoin } from "../src/engine/scan.ts";
import type { Candle } from "../src/ledger/repos/candles.ts";
import { parseCandleFile, parseFundingFile } from "../src/market/csv-files.ts";
import { FundingCursor } from "../src/market/features/funding-cursor.ts";
import { FeaturePipeline } from "../src/market/features/pipeline.ts";
import { STRATEGY_NAMES } from "../strategies/types.ts";
import { HL_DATA } from "../tests/support/paths.ts";

const TIMEFRAMES: Interval[] = ["15m", "1h", "4h"];
const REPS = 7;

interface Series {
  coin: string;
  tf: Interval;
  candles: Candle[];
  funding: (number | null)[];
}

function load(): Series[] {
  const out: Series[] = [];
  for (const coin of DEFAULT_COINS) {
    const fpath = join(HL_DATA, `${coin}-funding-1h.csv.gz`);
    const events = existsSync(fpath) ? parseFundingFile(fpath) : [];
    for (const tf of TIMEFRAMES) {
      const candles = parseCandleFile(join(HL_DATA, `${coin}-${tf}.csv.gz`));
      const cursor = new FundingCursor(events);
      out.push({ coin, tf, candles, funding: candles.map((c) => cursor.at(c.t + intervalMs(tf))) });
    }
  }
  return out;
}

/** Best and median wall-clock seconds of `reps` runs. */
function time(reps: number, fn: () => number): { best: number; median: number; sink: number } {
  const runs: number[] = [];
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    const t0 = Bun.nanoseconds();
    sink += fn();
    runs.push((Bun.nanoseconds() - t0) / 1e9);
  }
  runs.sort((a, b) => a - b);
  return { best: runs[0]!, median: runs[Math.floor(reps / 2)]!, sink };
}

const series = load();
const bars = series.reduce((n, s) => n + s.candles.length, 0);
const cfg = {
  features: FeaturesSection.parse({}),
  sessions: SessionsSection.parse({}),
  regime: RegimeSection.parse({}),
  strategies: StrategiesSection.parse({}),
};
const setup = createScanSetup(cfg);

/** Features + every strategy of each bar's timeframe, evaluated with the given threshold sets. */
function signals(sets: readonly ("shadow" | "live")[]): number {
  let fired = 0;
  for (const s of series) {
    const p = new FeaturePipeline(s.tf, cfg.features);
    const closed = [{ timeframe: s.tf, features: p.latest! }];
    for (let i = 0; i < s.candles.length; i++) {
      const f = p.update(s.candles[i]!, s.funding[i]!);
      if (f === null) continue;
      closed[0]!.features = f;
      for (const set of sets) fired += scanCoin(setup, set, s.coin, closed, "Neutral").candidates.length;
    }
  }
  return fired;
}

function plainEma(): number {
  let acc = 0;
  for (const s of series) {
    const c = s.candles;
    let e = c[0]!.close;
    for (let i = 0; i < c.length; i++) e += (c[i]!.close - e) * 0.1;
    acc += e;
  }
  return acc;
}

function tradingSignalsComposite(): number {
  let acc = 0;
  for (const s of series) {
    const [e8, e21, rsi, atr, adx, bb] = [
      new EMA(8),
      new EMA(21),
      new RSI(14),
      new ATR(14),
      new ADX(14),
      new BollingerBands(20, 2),
    ];
    for (const c of s.candles) {
      e8.add(c.close);
      e21.add(c.close);
      rsi.add(c.close);
      atr.add(c);
      acc += adx.add(c) ?? 0;
      bb.add(c.close);
    }
  }
  return acc;
}

console.log(`== signal engine (features + ${STRATEGY_NAMES.length} strategies)`);
console.log(`series: ${series.length} (23 coins × 15m/1h/4h), bar-updates per pass: ${bars}`);
const rate = (sec: number) =>
  `${(bars / sec / 1e6).toFixed(2)} M bar-updates/s (${((sec / bars) * 1e9).toFixed(0)} ns/bar)`;
// Interleaved, so every variant sees the same machine load.
const runs = { plain: [] as number[], one: [] as number[], both: [] as number[] };
for (let r = 0; r < REPS; r++) {
  runs.plain.push(time(3, plainEma).best);
  runs.one.push(time(1, () => signals(["shadow"])).best);
  runs.both.push(time(1, () => signals(["shadow", "live"])).best);
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0]!, median: s[Math.floor(s.length / 2)]! };
};
const plain = stats(runs.plain);
const one = stats(runs.one);
const both = stats(runs.both);
const ts = time(2, tradingSignalsComposite);
console.log(`plain EMA loop (floor)                    best ${rate(plain.best)}`);
console.log(`features + strategies, one param set      best ${rate(one.best)}, median ${rate(one.median)}`);
console.log(`features + strategies, shadow + live sets best ${rate(both.best)}, median ${rate(both.median)}`);
console.log(`trading-signals composite classes, no strategies: best ${rate(ts.best)}`);
console.log(
  `ratio to the plain loop: ${(one.best / plain.best).toFixed(0)}× (one set), ${(both.best / plain.best).toFixed(0)}× (both sets); composite trading-signals classes are ${(ts.best / one.best).toFixed(1)}× slower than ours`,
);
console.log(
  `target ≥ 1 M bar-updates/s on one core: ${bars / one.best >= 1e6 ? "met" : "NOT met"} (best, one set)`,
);

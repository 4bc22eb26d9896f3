/** Runs the real engine over real candles with scripted signals and a memory journal. */

import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { HOUR_MS } from "../../src/core/clock.ts";
import type { Interval } from "../../src/core/intervals.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { assembleEngine, bookSettings } from "../../src/engine/assemble.ts";
import { Book } from "../../src/engine/book.ts";
import { Engine } from "../../src/engine/engine.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import type { CandleColumns } from "../../src/ledger/repos/candles.ts";
import type { FundingRow } from "../../src/ledger/repos/funding.ts";
import { parseCandleColumns, parseFundingFile } from "../../src/market/csv-files.ts";
import { EMPTY_HALTS } from "../../src/risk/halts.ts";
import { configuredModel } from "../../src/sim/models/configured.ts";
import { ReplayFeed, type ReplaySeries } from "../../src/sim/replay-feed.ts";
import { SimVenue } from "../../src/sim/sim-venue.ts";
import { HL_DATA, scratchDir } from "./paths.ts";
import { type Script, ScriptedSignals } from "./scripted-signals.ts";

const cache = new Map<string, CandleColumns>();

/** A real candle series (open times in [from, to)) as the replay feed takes it. */
export function realSeries(coin: string, interval: Interval, from: number, to: number): ReplaySeries {
  const key = `${coin}-${interval}`;
  if (!cache.has(key)) cache.set(key, parseCandleColumns(join(HL_DATA, `${key}.csv.gz`)));
  const all = cache.get(key)!;
  let a = 0;
  while (a < all.t.length && all.t[a]! < from) a++;
  let b = a;
  while (b < all.t.length && all.t[b]! < to) b++;
  const cut = (x: Float64Array) => x.slice(a, b);
  return {
    coin,
    interval,
    cols: {
      t: cut(all.t),
      open: cut(all.open),
      high: cut(all.high),
      low: cut(all.low),
      close: cut(all.close),
      volume: cut(all.volume),
    },
  };
}

export function realFunding(coin: string, from: number, to: number): FundingRow[] {
  return parseFundingFile(join(HL_DATA, `${coin}-funding-1h.csv.gz`))
    .filter((f) => f.eventT >= from && f.eventT < to)
    .map((f) => ({ coin, t: Math.floor(f.eventT / HOUR_MS) * HOUR_MS, rate: f.rate, eventT: f.eventT }));
}

export interface HarnessOptions {
  model: string;
  script: Script[];
  series: ReplaySeries[];
  funding?: Map<string, FundingRow[]>;
  overrides?: Record<string, string>;
  /** A signal source instead of the scripted one. */
  signals?: import("../../src/engine/ports.ts").SignalSource;
  /** Ticks before this only warm the features. */
  tradeFrom?: number;
  /** The prediction-market regime source the engine reads (runLive). */
  riskRegime?: import("../../src/regime-sources/port.ts").RiskRegime;
}

export function runScripted(o: HarnessOptions) {
  const env: Record<string, string> = { ...o.overrides };
  const { config } = loadConfig({ cwd: scratchDir(), env });
  const model = configuredModel(config, o.model);
  const journal = new MemoryJournal();
  const settings = { ...bookSettings(config, "shadow", 1), compounding: false };
  const shadow = new Book(settings, new SimVenue(model), new EquityTracker("shadow", 10_000), journal);
  const engine = new Engine(
    o.signals ?? new ScriptedSignals(o.script, ["shadow"]),
    shadow,
    null,
    structuredClone(EMPTY_HALTS),
    journal,
    {
      minScore: 60,
      maxPositions: 4,
      shadowOnly: new Set(),
      probationMultiplier: 0.25,
      halts: config.risk,
      equityEveryMs: HOUR_MS,
      entryDelay: model.entries,
    },
  );
  const feed = new ReplayFeed({ series: o.series, funding: o.funding ?? new Map() });
  for (const t of feed.times()) {
    if (o.tradeFrom !== undefined && t <= o.tradeFrom) engine.warm(feed.view(t));
    else engine.tick(feed.view(t));
  }
  return { journal, positions: journal.positions, model, book: shadow };
}

/** The engine as the daemon assembles it, with the live path on the simulated venue. */
export function runLive(
  o: HarnessOptions & { ignorePromotion?: boolean; onTick?: (engine: Engine, t: number) => void },
) {
  const { config } = loadConfig({ cwd: scratchDir(), env: { ...o.overrides } });
  const model = configuredModel(config, o.model);
  const journal = new MemoryJournal();
  const engine = assembleEngine({
    config,
    model,
    signals: o.signals ?? new ScriptedSignals(o.script, ["shadow", "live"]),
    journal,
    runId: 1,
    withLive: true,
    startEquity: { shadow: 10_000, live: 10_000 },
    ignorePromotion: o.ignorePromotion ?? true,
    equityEveryMs: 15 * 60_000,
    riskRegime: o.riskRegime ?? null,
  });
  const feed = new ReplayFeed({ series: o.series, funding: o.funding ?? new Map() });
  for (const t of feed.times()) {
    engine.tick(feed.view(t));
    o.onTick?.(engine, t);
  }
  return { engine, journal, config };
}

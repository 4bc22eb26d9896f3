/** Runs the real engine over real candles with scripted signals and a memory journal. */

import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { HOUR_MS } from "../../src/core/clock.ts";
import type { Interval } from "../../src/core/intervals.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { assembleEngine } from "../../src/engine/assemble.ts";
import { Book } from "../../src/engine/book.ts";
import { Engine } from "../../src/engine/engine.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import type { FundingRate } from "../../src/ledger/repos/funding.ts";
import { parseCandleFile, parseFundingFile } from "../../src/market/csv-files.ts";
import { EMPTY_HALTS } from "../../src/risk/halts.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { ReplayFeed, type ReplaySeries } from "../../src/sim/replay-feed.ts";
import { SimVenue } from "../../src/sim/sim-venue.ts";
import { HL_DATA, scratchDir } from "./paths.ts";
import { type Script, ScriptedSignals } from "./scripted-signals.ts";

const cache = new Map<string, ReturnType<typeof parseCandleFile>>();

export function realSeries(coin: string, interval: Interval, from: number, to: number): ReplaySeries {
  const key = `${coin}-${interval}`;
  if (!cache.has(key)) cache.set(key, parseCandleFile(join(HL_DATA, `${key}.csv.gz`)));
  const rows = cache.get(key)!.filter((c) => c.t >= from && c.t < to);
  return {
    coin,
    interval,
    cols: {
      t: Float64Array.from(rows, (r) => r.t),
      open: Float64Array.from(rows, (r) => r.open),
      high: Float64Array.from(rows, (r) => r.high),
      low: Float64Array.from(rows, (r) => r.low),
      close: Float64Array.from(rows, (r) => r.close),
      volume: Float64Array.from(rows, (r) => r.volume),
    },
  };
}

export function realFunding(coin: string, from: number, to: number): FundingRate[] {
  return parseFundingFile(join(HL_DATA, `${coin}-funding-1h.csv.gz`))
    .filter((f) => f.eventT >= from && f.eventT < to)
    .map((f) => ({ t: Math.floor(f.eventT / HOUR_MS) * HOUR_MS, rate: f.rate, eventT: f.eventT }));
}

export interface HarnessOptions {
  model: string;
  script: Script[];
  series: ReplaySeries[];
  funding?: Map<string, FundingRate[]>;
  overrides?: Record<string, string>;
  /** A signal source instead of the scripted one. */
  signals?: import("../../src/engine/ports.ts").SignalSource;
  /** Ticks before this only warm the features. */
  tradeFrom?: number;
}

export function runScripted(o: HarnessOptions) {
  const env: Record<string, string> = { ...o.overrides };
  const { config } = loadConfig({ cwd: scratchDir(), env });
  const model = resolveModel(getModel(o.model), config.friction, config.exits);
  const journal = new MemoryJournal();
  const settings = {
    mode: "shadow" as const,
    runId: 1,
    riskFraction: config.risk.risk_fraction,
    maxLeverage: config.risk.max_leverage,
    maxNotionalUsd: config.risk.max_notional_usd,
    partialFraction: config.exits.partial_fraction,
    partialAtR: config.exits.partial_at_r,
    breakevenAfterPartial: config.exits.breakeven_after_partial,
    trailFromR: config.exits.trail_from_r,
    trailDistanceR: config.exits.trail_distance_r,
    timeoutMs: config.risk.position_timeout_hours * HOUR_MS,
    compounding: false,
  };
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
    },
  );
  const feed = new ReplayFeed({ series: o.series, funding: o.funding ?? new Map() });
  for (const t of feed.times()) {
    if (o.tradeFrom !== undefined && t <= o.tradeFrom) engine.warm(feed.view(t));
    else engine.tick(feed.view(t));
  }
  return { journal, positions: journal.positions, model };
}

/** The engine as the daemon assembles it, with the live path on the simulated venue. */
export function runLive(
  o: HarnessOptions & { ignorePromotion?: boolean; onTick?: (engine: Engine, t: number) => void },
) {
  const { config } = loadConfig({ cwd: scratchDir(), env: { ...o.overrides } });
  const model = resolveModel(getModel(o.model), config.friction, config.exits);
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
  });
  const feed = new ReplayFeed({ series: o.series, funding: o.funding ?? new Map() });
  for (const t of feed.times()) {
    engine.tick(feed.view(t));
    o.onTick?.(engine, t);
  }
  return { engine, journal, config };
}

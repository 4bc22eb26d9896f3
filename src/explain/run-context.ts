/**
 * What a run was run with, as far as the ledger knows: the window, coins, intervals, strategies and
 * friction model of a backtest run (backtest_runs.params), and the config whose thresholds decided
 * it. A run that stored its effective config (the `config` column of ledgers at v9+, or
 * `params.config`) is explained with the deciding sections of that config (secrets never matter
 * here: they stay the current config's), and with its stored engine inputs (warm-up, promoted
 * buckets) when present; a run that stored only coins/window/strategies is explained with the
 * current config for everything else, and `fromCurrent` names those sections so the output can say
 * so. Run 0 is the daemon.
 */
import type { Database } from "bun:sqlite";
import * as z from "zod";
import { type Config, ConfigSchema } from "../config/schema.ts";
import { UsageError } from "../core/errors.ts";
import { INTERVALS, type Interval } from "../core/intervals.ts";
import type { LiveCandidate } from "../core/live-candidates.ts";
import { signalIntervals, warmupMs } from "../engine/signal-source.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";

/** Config sections whose values decide a decision (features, buckets, thresholds, gate, sizing, costs). */
export const DECIDING_SECTIONS = [
  "features",
  "sessions",
  "regime",
  "strategies",
  "live",
  "risk",
  "exits",
  "friction",
  "engine",
] as const;

const StoredParams = z.looseObject({
  coins: z.array(z.string()).optional(),
  intervals: z.array(z.enum(INTERVALS)).optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  ignoreCandidates: z.boolean().optional(),
  strategies: z.array(z.string()).nullable().optional(),
  config: z.unknown().optional(),
});

/** Engine inputs stored beside a run's config (ledgers at v9+): what explain can use of them. */
const StoredInputs = z.looseObject({
  warmupMs: z.number().optional(),
  signalCoins: z.array(z.string()).optional(),
  promoted: z
    .array(z.tuple([z.string(), z.record(z.string(), z.unknown())]))
    .nullable()
    .optional(),
  promotedFrom: z.string().nullable().optional(),
});

export interface RunContext {
  runId: number;
  kind: "backtest" | "daemon";
  /** The config explain uses (the run's own where stored, else the current one). */
  config: Config;
  /** Config sections that came from the current config because the run did not store them. */
  fromCurrent: string[];
  /** The run's model tag (backtest_runs.model), null for the daemon (its decisions carry theirs). */
  model: string | null;
  coins: string[];
  intervals: Interval[];
  /** The run's window (decisions after `from`, up to `to`); the daemon's is its decisions' span. */
  from: number;
  to: number;
  /** Bars are loaded from here: the backtest's own warm-up start. */
  loadFrom: number;
  strategies: string[] | null;
  ignoreCandidates: boolean;
  /** The promoted buckets the run's live path traded, when the run stored them (else null). */
  promoted: Map<string, LiveCandidate> | null;
  promotedFrom: string | null;
  /** The paths the run recorded decisions for (a shadow-mode backtest has no live path). */
  modes: ("shadow" | "live")[];
}

export function runContext(db: Database, runId: number, current: Config): RunContext {
  if (runId === 0) return daemonContext(db, current);
  const row = new BacktestRunsRepo(db).get(runId);
  if (!row) throw new UsageError(`run ${runId}: no such backtest run in this ledger`);
  if (row.kind !== "single")
    throw new UsageError(`run ${runId} is a ${row.kind}: it stores ranked results, not decisions`);
  const params = StoredParams.parse(JSON.parse(row.params));
  const extra = storedColumns(db, runId);
  const stored = extra.config ?? params.config;
  let config = current;
  let fromCurrent: string[] = [...DECIDING_SECTIONS];
  if (stored !== undefined && stored !== null && typeof stored === "object") {
    const merged: Record<string, unknown> = { ...current };
    for (const k of DECIDING_SECTIONS) if (k in stored) merged[k] = (stored as Record<string, unknown>)[k];
    const parsed = ConfigSchema.safeParse(merged);
    if (parsed.success) {
      config = parsed.data;
      fromCurrent = DECIDING_SECTIONS.filter((k) => !(k in stored));
    }
  }
  const inputs = extra.inputs ? StoredInputs.safeParse(extra.inputs) : null;
  const given = inputs?.success ? inputs.data : null;
  const strategies = params.strategies ?? null;
  const intervals = params.intervals ?? signalIntervals(config, strategies);
  const from = params.from ?? 0;
  return {
    runId,
    kind: "backtest",
    config,
    fromCurrent,
    model: row.model,
    coins: params.coins ?? config.engine.coins,
    intervals,
    from,
    to: params.to ?? Number.MAX_SAFE_INTEGER,
    loadFrom: from - (given?.warmupMs ?? warmupMs(config, strategies)),
    strategies,
    ignoreCandidates: params.ignoreCandidates ?? false,
    promoted: given?.promoted ? new Map(given.promoted as [string, LiveCandidate][]) : null,
    promotedFrom: given?.promotedFrom ?? null,
    modes: row.mode === "shadow" ? ["shadow"] : ["shadow", "live"],
  };
}

/**
 * The daemon (run 0): the current config; its window is the span it ticked, read from its shadow
 * equity snapshots (one per snapshot interval from the first tick on): from one tick before the
 * first to the last. Without snapshots, the span of its decisions.
 */
function daemonContext(db: Database, current: Config): RunContext {
  const ticks = db
    .query("SELECT MIN(t) AS lo, MAX(t) AS hi FROM equity_snapshots WHERE run_id = 0 AND mode = 'shadow'")
    .get() as { lo: number | null; hi: number | null };
  const decided = db
    .query("SELECT MIN(candle_t) AS lo, MAX(candle_t) AS hi FROM decisions WHERE run_id = 0")
    .get() as { lo: number | null; hi: number | null };
  const tickMs = current.engine.tick_seconds * 1000;
  const from = ticks.lo !== null ? ticks.lo - tickMs : (decided.lo ?? 0);
  const to = ticks.hi ?? (decided.hi ?? 0) + 86_400_000;
  return {
    runId: 0,
    kind: "daemon",
    config: current,
    fromCurrent: [...DECIDING_SECTIONS],
    model: null,
    coins: current.engine.coins,
    intervals: signalIntervals(current, null),
    from,
    to,
    loadFrom: from - warmupMs(current, null),
    strategies: null,
    ignoreCandidates: false,
    promoted: null,
    promotedFrom: null,
    modes: ["shadow", "live"],
  };
}

/** The v9 provenance columns of a run (config, inputs), when this ledger has them. */
function storedColumns(db: Database, runId: number): { config?: unknown; inputs?: unknown } {
  const cols = new Set(
    (db.query("PRAGMA table_info(backtest_runs)").all() as { name: string }[]).map((c) => c.name),
  );
  const out: { config?: unknown; inputs?: unknown } = {};
  for (const name of ["config", "inputs"] as const) {
    if (!cols.has(name)) continue;
    const row = db.query(`SELECT ${name} AS v FROM backtest_runs WHERE id = ?1`).get(runId) as {
      v: string | null;
    };
    if (row.v !== null) out[name] = JSON.parse(row.v);
  }
  return out;
}

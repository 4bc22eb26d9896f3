/**
 * `hlbot explain`: the reproducible "why" of decisions. For each decision id, the run's bar is
 * rebuilt through the engine (replay.ts), the strategy's gates are listed with the run's thresholds,
 * the score is broken down, the verdict rebuilt (verdict.ts) and every recomputed figure checked
 * against the stored row — exact equality, a difference is listed, never rounded away. The trade the
 * decision opened is attached (trade.ts). Many ids of one run share one replay.
 */
import type { Database } from "bun:sqlite";
import { type GateReport, strategyGates } from "../../strategies/gates/index.ts";
import { STRATEGY_NAMES, type StrategyName } from "../../strategies/types.ts";
import type { Config } from "../config/schema.ts";
import { UsageError } from "../core/errors.ts";
import type { Candidate } from "../core/signal.ts";
import { loadLiveCandidatesMap } from "../engine/promoted.ts";
import { regimeMultiplier } from "../engine/scoring.ts";
import type { Features } from "../market/features/features.ts";
import { type DecisionRow, decisionById } from "./ledger-rows.ts";
import { modelFor, rebuildBars, targetKey } from "./replay.ts";
import { DECIDING_SECTIONS, type RunContext, runContext } from "./run-context.ts";
import { type TradeReport, tradeOf } from "./trade.ts";
import { liveVerdict, type RebuiltVerdict, shadowVerdict } from "./verdict.ts";

export interface ScoreBreakdown {
  raw: number;
  /** Part of `raw` that is the funding bonus (momentum), 0 otherwise. */
  fundingBonus: number;
  regime: string;
  /** Which regime multiplier applied: with_trend, counter_trend or neutral. */
  multiplierKind: "with_trend" | "counter_trend" | "neutral";
  multiplier: number;
  cap: number;
  final: number;
}

export interface Explanation {
  decision: {
    id: number;
    runId: number;
    mode: "shadow" | "live";
    strategy: string;
    coin: string;
    side: string;
    timeframe: string;
    candleT: number;
    decidedAt: number;
    setupKey: string;
    verdict: string;
    reasons: string[];
    modelVersion: string;
  };
  config: { source: "run" | "current" | "run+current"; fromCurrent: string[]; note: string };
  /** Every feature of the bar, rebuilt (null when the bar is not in the ledger's data any more). */
  features: Features | null;
  bucket: { regime: string; session: string; volBucket: string } | null;
  gates: GateReport | null;
  /** The strategy's recorded feature subset, rebuilt. */
  signalFeatures: Record<string, number> | null;
  score: ScoreBreakdown | null;
  levels: { entryRef: number; stop: number; target: number } | null;
  rebuilt: RebuiltVerdict | null;
  /** Every stored field that the rebuild did not reproduce exactly (empty = identical). */
  mismatches: string[];
  trade: TradeReport | null;
}

function configNote(run: RunContext): Explanation["config"] {
  if (run.fromCurrent.length === 0)
    return { source: "run", fromCurrent: [], note: "thresholds from the run's stored config" };
  const what = run.fromCurrent.join(", ");
  if (run.kind === "daemon")
    return {
      source: "current",
      fromCurrent: run.fromCurrent,
      note: `daemon decision: thresholds from the current config (${what}); features rebuilt as the daemon warmed at its session's start (engine.history_bars bars per series before it; a restart since re-warmed it)`,
    };
  if (run.fromCurrent.length < DECIDING_SECTIONS.length)
    return {
      source: "run+current",
      fromCurrent: run.fromCurrent,
      note: `the run's stored config, except ${what} (not stored: from the current config)`,
    };
  return {
    source: "run+current",
    fromCurrent: run.fromCurrent,
    note: `the run stored coins, window and strategies only: ${what} come from the current config`,
  };
}

function breakdown(c: Candidate, config: Config): ScoreBreakdown {
  const strategy = c.strategy as StrategyName;
  const multiplier = regimeMultiplier(strategy, c.side, c.regime, config.regime);
  const withTrend = (c.regime === "Long") === (c.side === "long");
  return {
    raw: c.scoreRaw,
    fundingBonus: c.features.fundingBonus ?? 0,
    regime: c.regime,
    multiplierKind: c.regime === "Neutral" ? "neutral" : withTrend ? "with_trend" : "counter_trend",
    multiplier,
    cap: config.regime.score_cap,
    final: c.score,
  };
}

function compareStored(row: DecisionRow, c: Candidate | null, v: RebuiltVerdict | null): string[] {
  if (c === null) return ["signal: the strategy does not fire on the rebuilt bar"];
  const out: string[] = [];
  const eq = (name: string, stored: unknown, rebuilt: unknown) => {
    if (stored !== rebuilt) out.push(`${name}: stored ${String(stored)}, rebuilt ${String(rebuilt)}`);
  };
  eq("side", row.side, c.side);
  eq("score_raw", row.score_raw, c.scoreRaw);
  eq("score", row.score, c.score);
  eq("regime", row.regime, c.regime);
  eq("session", row.session, c.session);
  eq("vol_bucket", row.vol_bucket, c.volBucket);
  eq("setup_key", row.setup_key, c.setupKey);
  eq("entry_ref", row.entry_ref, c.entryRef);
  eq("stop", row.stop, c.stop);
  eq("target", row.target, c.target);
  const stored = JSON.parse(row.features) as Record<string, number | null>;
  for (const [k, x] of Object.entries(c.features)) {
    // Compared as stored (JSON): NaN and ±Infinity are stored as null, −0 as 0.
    const s = JSON.stringify(stored[k]);
    if (s !== JSON.stringify(x)) out.push(`features.${k}: stored ${s}, rebuilt ${x}`);
  }
  for (const k of Object.keys(stored)) if (!(k in c.features)) out.push(`features.${k}: stored only`);
  if (v) {
    eq("verdict", row.verdict, v.verdict);
    eq("reasons", row.reasons, JSON.stringify(v.reasons.map((r) => r.reason)));
  }
  return out;
}

/** Explains decisions of one run (all ids must belong to `runId`'s rows; see explainIds). */
function explainRun(db: Database, rows: readonly DecisionRow[], current: Config): Explanation[] {
  const run = runContext(db, rows[0]!.run_id, current);
  const { config } = run;
  const note = configNote(run);
  const promoted = {
    map: run.ignoreCandidates
      ? new Map()
      : (run.promoted ?? loadLiveCandidatesMap(config.live.candidates_path)),
    ignore: run.ignoreCandidates,
    from: run.ignoreCandidates
      ? "--ignore-candidates"
      : run.promoted
        ? `the run's stored promoted buckets (${run.promotedFrom ?? "live_candidates.json"} then)`
        : `${config.live.candidates_path} (the current file: the run did not store its promoted buckets)`,
  };
  const byModel = new Map<string, DecisionRow[]>();
  for (const r of rows) byModel.set(r.sim_model_version, [...(byModel.get(r.sim_model_version) ?? []), r]);
  const out = new Map<number, Explanation>();
  for (const [tag, list] of byModel) {
    const model = modelFor(tag, config);
    const bars = rebuildBars(
      db,
      run,
      tag,
      list.map((r) => ({ coin: r.coin, timeframe: r.timeframe, candleT: r.candle_t })),
    );
    for (const row of list) {
      const bar = bars.get(targetKey(row.coin, row.timeframe, row.candle_t)) ?? null;
      const candidates = bar ? (row.mode === "live" ? bar.live : bar.shadow) : [];
      const c = candidates.find((x) => x.strategy === row.strategy && x.timeframe === row.timeframe) ?? null;
      let rebuilt: RebuiltVerdict | null = null;
      if (c && bar) {
        rebuilt =
          row.mode === "shadow"
            ? shadowVerdict(row, c, bar, model)
            : liveVerdict(db, row, c, config, promoted);
      }
      const known = (STRATEGY_NAMES as readonly string[]).includes(row.strategy);
      const mismatches = bar
        ? compareStored(row, c, rebuilt)
        : ["bar: the signal candle is not in the ledger"];
      if (row.mode === "live" && c && bar) {
        let best: Candidate | null = null;
        for (const x of bar.live) if (!best || x.score > best.score) best = x;
        if (best !== c) mismatches.push("live: not the coin's best live candidate of the tick");
      }
      out.set(row.id, {
        decision: {
          id: row.id,
          runId: row.run_id,
          mode: row.mode,
          strategy: row.strategy,
          coin: row.coin,
          side: row.side,
          timeframe: row.timeframe,
          candleT: row.candle_t,
          decidedAt: bar?.features.closeT ?? row.candle_t,
          setupKey: row.setup_key,
          verdict: row.verdict,
          reasons: JSON.parse(row.reasons) as string[],
          modelVersion: row.sim_model_version,
        },
        config: note,
        features: bar?.features ?? null,
        bucket: bar
          ? { regime: bar.context.regime, session: bar.context.session, volBucket: bar.context.volBucket }
          : null,
        gates:
          bar && known
            ? strategyGates(
                row.strategy as StrategyName,
                bar.features,
                bar.context,
                config.strategies,
                row.mode,
              )
            : null,
        signalFeatures: c?.features ?? null,
        score: c ? breakdown(c, config) : null,
        levels: c ? { entryRef: c.entryRef, stop: c.stop, target: c.target } : null,
        rebuilt,
        mismatches,
        trade: tradeOf(db, row.id),
      });
    }
  }
  return rows.map((r) => out.get(r.id)!);
}

/** Explains the given decision ids (any runs); an unknown id is a usage error naming it. */
export function explainIds(db: Database, ids: readonly number[], current: Config): Explanation[] {
  const rows: DecisionRow[] = [];
  for (const id of ids) {
    const row = decisionById(db, id);
    if (!row) throw new UsageError(`decision ${id}: no such decision in this ledger`);
    rows.push(row);
  }
  const byRun = new Map<number, DecisionRow[]>();
  for (const r of rows) byRun.set(r.run_id, [...(byRun.get(r.run_id) ?? []), r]);
  const done = new Map<number, Explanation>();
  for (const list of byRun.values())
    for (const e of explainRun(db, list, current)) done.set(e.decision.id, e);
  return ids.map((id) => done.get(id)!);
}

/**
 * One side of a comparison: a run's decisions and trades read from its ledger, keyed for matching.
 * A decision's key is mode|strategy|timeframe|setup key (one economic setup per strategy and path);
 * a trade carries the key of the decision that opened it. Only decisions inside `window` (by the
 * signal candle's close) and the trades they opened take part.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { intervalMs } from "../core/intervals.ts";
import {
  type DecisionRow,
  decisionsOfRun,
  type ExitRow,
  exitsOf,
  type PositionRow,
  positionsOfRun,
} from "../explain/ledger-rows.ts";
import { type RunContext, runContext } from "../explain/run-context.ts";

export interface Trade {
  position: PositionRow;
  exits: ExitRow[];
}

export interface Side {
  label: "A" | "B";
  db: Database;
  path: string;
  run: RunContext;
  /** The paths taken into account. */
  modes: ("shadow" | "live")[];
  decisions: Map<string, DecisionRow>;
  trades: Map<string, Trade>;
}

export function decisionKey(d: Pick<DecisionRow, "mode" | "strategy" | "timeframe" | "setup_key">): string {
  return `${d.mode}|${d.strategy}|${d.timeframe}|${d.setup_key}`;
}

export function decidedAt(d: Pick<DecisionRow, "candle_t" | "timeframe">): number {
  return d.candle_t + intervalMs(d.timeframe);
}

export function loadSide(
  label: "A" | "B",
  db: Database,
  path: string,
  runId: number,
  current: Config,
  window: { from: number; to: number } | null,
  modes: ("shadow" | "live")[] = ["shadow", "live"],
): Side {
  const run = runContext(db, runId, current);
  const decisions = new Map<string, DecisionRow>();
  const byId = new Map<number, string>();
  for (const d of decisionsOfRun(db, runId)) {
    if (!modes.includes(d.mode)) continue;
    const t = decidedAt(d);
    if (window && (t <= window.from || t > window.to)) continue;
    const key = decisionKey(d);
    decisions.set(key, d);
    byId.set(d.id, key);
  }
  const trades = new Map<string, Trade>();
  for (const p of positionsOfRun(db, runId)) {
    const key = p.decision_id === null ? undefined : byId.get(p.decision_id);
    if (key === undefined) continue;
    trades.set(key, { position: p, exits: exitsOf(db, p.id) });
  }
  return { label, db, path, run, modes, decisions, trades };
}

/** The stretch both runs cover: decisions after the later start, up to the earlier end. */
export function overlap(a: RunContext, b: RunContext): { from: number; to: number } {
  return { from: Math.max(a.from, b.from), to: Math.min(a.to, b.to) };
}

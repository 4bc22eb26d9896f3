/**
 * The run browser's rows: one per stored run — a backtest (single, sweep, walk-forward) or a daemon
 * session (trade, demo) — with its window, model, whether it finished, its closed trades and the hash
 * of the data it read. A daemon session's trades are the daemon's (run 0) closed inside the session.
 */
import type { Database } from "bun:sqlite";
import { DAEMON_KINDS, type StoredRun } from "./run-row.ts";

export interface RunListRow {
  id: number;
  kind: string;
  command: string | null;
  model: string;
  mode: string;
  /** The replayed window (a daemon session: from its start to its end, or to now while it runs). */
  from: number | null;
  to: number | null;
  status: "finished" | "unfinished";
  /** Closed trades, both paths; null for sweeps and walk-forwards (they store only ranked results). */
  trades: number | null;
  dataHash: string | null;
  startedAt: number;
  finishedAt: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The window a run covered, from its inputs, params or summary (whichever the row has). */
export function runWindow(run: StoredRun, now: number): { from: number | null; to: number | null } {
  if (DAEMON_KINDS.has(run.kind)) return { from: run.startedAt, to: run.finishedAt ?? now };
  if (run.inputs) return { from: run.inputs.from, to: run.inputs.to };
  const p = run.params;
  if (num(p.from) !== null) return { from: num(p.from), to: num(p.to) };
  const windows = run.summary?.windows;
  if (Array.isArray(windows) && windows.length) {
    const first = windows[0] as Record<string, unknown>;
    const last = windows.at(-1) as Record<string, unknown>;
    return { from: num(first.trainFrom) ?? num(first.testFrom), to: num(last.testTo) };
  }
  const w = run.summary?.window as Record<string, unknown> | undefined;
  return { from: num(w?.from), to: num(w?.to) };
}

export function listRows(db: Database, runs: readonly StoredRun[], now: number): RunListRow[] {
  const perRun = new Map(
    (
      db
        .query(
          "SELECT run_id, COUNT(*) AS n FROM positions WHERE status = 'closed' AND run_id > 0 GROUP BY run_id",
        )
        .all() as { run_id: number; n: number }[]
    ).map((r) => [r.run_id, r.n]),
  );
  const daemonTrades = db.query(
    "SELECT COUNT(*) AS n FROM positions WHERE run_id = 0 AND status = 'closed' AND closed_at >= ?1 AND closed_at <= ?2",
  );
  return runs.map((run) => {
    const { from, to } = runWindow(run, now);
    const trades = DAEMON_KINDS.has(run.kind)
      ? (daemonTrades.get(from ?? 0, to ?? now) as { n: number }).n
      : run.kind === "single"
        ? (perRun.get(run.id) ?? 0)
        : null;
    return {
      id: run.id,
      kind: run.kind,
      command: run.command,
      model: run.model,
      mode: run.mode,
      from,
      to,
      status: run.finishedAt === null ? "unfinished" : "finished",
      trades,
      dataHash: run.dataHash,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
    };
  });
}

/**
 * A stored run as the run browser and `--rerun` read it: the backtest_runs row with its v9
 * provenance columns, parsed. Rows written before v9 (or by code, not the CLI) lack some of it:
 * those fields are null, never guessed.
 */
import type { Database } from "bun:sqlite";
import type { SeriesCoverage } from "../report/run-summary.ts";
import { RunNotFoundError } from "./errors.ts";
import { type RunInputs, RunInputsSchema } from "./provenance.ts";

/** Daemon sessions: their decisions are run 0's, shared by every session, and never deletable. */
export const DAEMON_KINDS = new Set(["trade", "demo"]);

export interface StoredRun {
  id: number;
  kind: string;
  startedAt: number;
  finishedAt: number | null;
  model: string;
  mode: string;
  params: Record<string, unknown>;
  dataHash: string | null;
  codeVersion: string;
  version: string | null;
  commit: string | null;
  command: string | null;
  argv: string[] | null;
  config: Record<string, unknown> | null;
  coverage: SeriesCoverage[] | null;
  inputs: RunInputs | null;
  summary: Record<string, unknown> | null;
}

interface Row {
  id: number;
  kind: string;
  started_at: number;
  finished_at: number | null;
  model: string;
  mode: string;
  params: string;
  data_hash: string | null;
  code_version: string;
  version: string | null;
  git_commit: string | null;
  command: string | null;
  argv: string | null;
  config: string | null;
  coverage: string | null;
  inputs: string | null;
  summary: string | null;
}

const json = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

export function toStoredRun(r: Row): StoredRun {
  const inputs = r.inputs ? RunInputsSchema.safeParse(JSON.parse(r.inputs)) : null;
  return {
    id: r.id,
    kind: r.kind,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    model: r.model,
    mode: r.mode,
    params: json<Record<string, unknown>>(r.params) ?? {},
    dataHash: r.data_hash || null,
    codeVersion: r.code_version,
    version: r.version,
    commit: r.git_commit,
    command: r.command,
    argv: json<string[]>(r.argv),
    config: json<Record<string, unknown>>(r.config),
    coverage: json<SeriesCoverage[]>(r.coverage),
    inputs: inputs?.success ? inputs.data : null,
    summary: json<Record<string, unknown>>(r.summary),
  };
}

/** Run `id`, or RunNotFoundError naming it and the ledger (`ledger` is the path shown). */
export function getRun(db: Database, id: number, ledger: string): StoredRun {
  const row = db.query("SELECT * FROM backtest_runs WHERE id = ?1").get(id) as Row | null;
  if (!row) throw new RunNotFoundError(id, ledger);
  return toStoredRun(row);
}

/** Every run, newest first. */
export function allRuns(db: Database): StoredRun[] {
  return (db.query("SELECT * FROM backtest_runs ORDER BY id DESC").all() as Row[]).map(toStoredRun);
}

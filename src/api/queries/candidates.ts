/**
 * The promoted buckets in force: live_candidates.json (validated whole with its schema) joined with
 * each bucket's latest gate statistics (newest bucket_stats row) and its state machine row.
 */
import type { Database, Statement } from "bun:sqlite";
import { existsSync, readFileSync } from "node:fs";
import * as z from "zod";
import { type LiveCandidatesFile, LiveCandidatesFileSchema } from "../../core/live-candidates.ts";
import { jsonColumn } from "../format.ts";

export type CandidatesFileStatus =
  | { status: "ok"; file: LiveCandidatesFile }
  | { status: "missing" }
  | { status: "invalid"; error: string };

const STAT_COLUMNS = [
  "n_raw",
  "n_dedup",
  "n_eff",
  "days",
  "mean_r",
  "sd_r",
  "skew",
  "kurtosis",
  "psr",
  "z",
  "p",
  "q",
  "shrunk_mean",
  "p_edge",
  "dsr",
  "oos_mean",
  "eligible",
] as const;

export class CandidateQueries {
  private readonly stats: Statement;
  private readonly state: Statement;

  constructor(db: Database) {
    this.stats = db.prepare(
      `SELECT s.mining_run_id, m.t AS mined_at, m.sim_model_version, ${STAT_COLUMNS.map((c) => `s.${c}`).join(", ")}
       FROM bucket_stats s JOIN mining_runs m ON m.id = s.mining_run_id
       WHERE s.bucket_key = ?1 ORDER BY s.mining_run_id DESC LIMIT 1`,
    );
    this.state = db.prepare(
      "SELECT state, since, monitor, updated_at FROM bucket_states WHERE bucket_key = ?1",
    );
  }

  /** Latest gate statistics of a bucket, or null when it was never mined. */
  latestStats(key: string): Record<string, unknown> | null {
    const row = this.stats.get(key) as Record<string, number | string | null> | null;
    if (!row) return null;
    return { ...row, eligible: row.eligible === 1 };
  }

  bucketState(key: string): Record<string, unknown> | null {
    const row = this.state.get(key) as {
      state: string;
      since: number;
      monitor: string;
      updated_at: number;
    } | null;
    return row ? { ...row, monitor: jsonColumn(row.monitor) } : null;
  }
}

/** Reads and validates live_candidates.json; a bad file is reported, never half-used. */
export function readCandidatesFile(path: string): CandidatesFileStatus {
  if (!existsSync(path)) return { status: "missing" };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    return { status: "invalid", error: `not JSON: ${(cause as Error).message}` };
  }
  const parsed = LiveCandidatesFileSchema.safeParse(raw);
  if (!parsed.success) return { status: "invalid", error: z.prettifyError(parsed.error) };
  return { status: "ok", file: parsed.data };
}

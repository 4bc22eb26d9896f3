/**
 * What a run stores beside its results so it can be told apart and reproduced (migration v9): the
 * redacted effective config, the binary's version and commit, the argv, the data coverage and the
 * engine inputs that are not config. Written at the run's start (coverage at its end); read back
 * through a zod schema, since rows written by older binaries lack some of it.
 */
import type { Database } from "bun:sqlite";
import * as z from "zod";
import type { Config } from "../config/schema.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import type { SeriesCoverage } from "../report/run-summary.ts";
import type { BacktestRequest } from "../sim/backtest.ts";
import { redactConfig } from "./redact.ts";

/** The inputs of a single backtest beyond its config: enough to build the same BacktestRequest again. */
export const RunInputsSchema = z.object({
  /** The friction model as asked for (`v4`), not the resolved tag (`v4+trail_from_r=2`). */
  model: z.string(),
  /** The coins the signal source scans (the loaded coins add the regime's). */
  signalCoins: z.array(z.string()),
  coins: z.array(z.string()),
  intervals: z.array(z.string()),
  from: z.number(),
  to: z.number(),
  warmupMs: z.number(),
  mode: z.enum(["both", "shadow", "live"]),
  ignoreCandidates: z.boolean(),
  strategies: z.array(z.string()).nullable(),
  killSwitch: z.union([
    z.object({ kind: z.literal("halt") }),
    z.object({ kind: z.literal("reset"), days: z.number() }),
  ]),
  warnings: z.array(z.string()),
  /** The promoted buckets the live path traded (live_candidates.json at that moment), by key. */
  promoted: z.array(z.tuple([z.string(), z.record(z.string(), z.unknown())])).nullable(),
  promotedFrom: z.string().nullable(),
});
export type RunInputs = z.output<typeof RunInputsSchema>;

export interface RunProvenance {
  config: Config;
  argv: readonly string[] | null;
  inputs: RunInputs | null;
}

/** The argv as stored: the program name `hlbot` and the arguments after it. */
export const cliArgv = (): string[] => ["hlbot", ...process.argv.slice(2)];

export function recordProvenance(db: Database, runId: number, p: RunProvenance): void {
  db.prepare(
    "UPDATE backtest_runs SET config = ?2, version = ?3, git_commit = ?4, argv = ?5, inputs = ?6 WHERE id = ?1",
  ).run(
    runId,
    JSON.stringify(redactConfig(p.config)),
    VERSION,
    COMMIT,
    p.argv ? JSON.stringify(p.argv) : null,
    p.inputs ? JSON.stringify(p.inputs) : null,
  );
}

export function recordCoverage(db: Database, runId: number, coverage: readonly SeriesCoverage[]): void {
  db.prepare("UPDATE backtest_runs SET coverage = ?2 WHERE id = ?1").run(runId, JSON.stringify(coverage));
}

/** The inputs of `req` as a run stores them; null when the caller did not say what the signals scan. */
export function backtestInputs(req: BacktestRequest): RunInputs | null {
  const signalCoins = req.provenance?.signalCoins;
  if (!signalCoins) return null;
  return {
    model: req.model,
    signalCoins: [...signalCoins],
    coins: [...req.coins],
    intervals: [...req.intervals],
    from: req.from,
    to: req.to,
    warmupMs: req.warmupMs,
    mode: req.mode,
    ignoreCandidates: req.ignoreCandidates,
    strategies: req.strategies ? [...req.strategies] : null,
    killSwitch: req.killSwitch ?? { kind: "halt" },
    warnings: [...(req.warnings ?? [])],
    promoted: req.promoted ? [...req.promoted.entries()] : null,
    promotedFrom: req.promotedFrom ?? null,
  };
}

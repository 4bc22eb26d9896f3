/**
 * The `--rerun N` branch of `hlbot backtest`: plans the rerun from run N (refusing what cannot be
 * reproduced), runs it as a new stored run, and says whether it came out identical to N — decisions,
 * trades, equity and summary — or where it first differs.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { UsageError } from "../core/errors.ts";
import { log } from "../log.ts";
import { runBacktest } from "../sim/backtest.ts";
import { cliArgv } from "./provenance.ts";
import { planRerun } from "./rerun.ts";
import { diffRuns, type PartDiff, type RunDiff } from "./run-diff.ts";

export interface RerunOutcome {
  rerunOf: number;
  runId: number;
  forced: string[];
  diff: RunDiff;
}

export function parseRunId(flag: string, value: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError(`${flag} ${value}: expected a run id (a positive integer; hlbot runs lists them)`);
  return id;
}

export function rerunBacktest(
  db: Database,
  ledger: string,
  config: Config,
  opts: { id: number; force: boolean; command: string },
): RerunOutcome {
  const plan = planRerun(db, opts.id, ledger, config, { force: opts.force });
  for (const why of plan.forced) log.warn(`--force: rerunning although ${why}`);
  const result = runBacktest(db, {
    ...plan.request,
    command: opts.command,
    provenance: { argv: cliArgv(), signalCoins: plan.signalCoins },
  });
  const runId = result.runId ?? 0;
  return { rerunOf: opts.id, runId, forced: plan.forced, diff: diffRuns(db, opts.id, runId) };
}

const partLine = (name: string, p: PartDiff) =>
  `  ${name.padEnd(10)} ${p.a} vs ${p.b}${p.firstDifference === null && p.a === p.b ? "  equal" : `  DIFFER (first at row ${(p.firstDifference ?? Math.min(p.a, p.b)) + 1})`}`;

export function printRerun(o: RerunOutcome): void {
  const d = o.diff;
  console.log(
    d.identical
      ? `run ${o.runId} reproduces run ${o.rerunOf} bit for bit`
      : `run ${o.runId} DIFFERS from run ${o.rerunOf}${o.forced.length ? " (forced: data or binary changed)" : ""}`,
  );
  console.log(partLine("decisions", d.decisions));
  console.log(partLine("trades", d.trades));
  console.log(partLine("equity", d.equity));
  console.log(`  summary    ${d.summaryEqual ? "equal" : "DIFFERS"}`);
  for (const why of o.forced) console.log(`  forced: ${why}`);
}

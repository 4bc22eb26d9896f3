/**
 * `hlbot runs`: the run browser — list stored runs, show one (its full config, binary, command line,
 * coverage, summary), delete backtest runs with everything that belongs to them (`rm`, `prune`).
 * Reads the research ledger (ledger.research_path, else research.db beside the ledger) unless --db
 * names another; daemon sessions are in the main ledger (`--db` it). Exit 2 for an unknown run, a bad
 * id, or a run that may not be deleted (a daemon session).
 */
import type { Database } from "bun:sqlite";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defineCommand } from "citty";
import { wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { deleteRun, pruneRuns } from "../runs/delete.ts";
import { listRows } from "../runs/list.ts";
import { printDeleted, printPruned, printRunList, printRunShow } from "../runs/print.ts";
import { parseRunId } from "../runs/rerun-command.ts";
import { openRunsLedger, researchLedgerPath } from "../runs/research-ledger.ts";
import { allRuns, getRun } from "../runs/run-row.ts";
import { createContext, type GlobalArgValues, globalArgs, runAction } from "./context.ts";

const args = {
  ...globalArgs,
  db: { type: "string", description: "ledger holding the runs (default: the research ledger)" },
  json: { type: "boolean", description: "print JSON" },
} as const;

/** The ledger the run browser reads: --db as given, else the research ledger. */
function runsLedger(a: GlobalArgValues): { path: string; busy: number; main: string } {
  const ctx = createContext({ ...a, db: undefined });
  const path = a.db ? resolve(process.cwd(), a.db) : researchLedgerPath(ctx.config);
  return { path, busy: ctx.config.ledger.busy_timeout_ms, main: ctx.config.ledger.path };
}

function listRuns(a: RunsArgs): number {
  const { path, main } = runsLedger(a);
  if (!existsSync(path)) {
    if (a.json) console.log("[]");
    else
      console.log(
        `no runs: no ledger at ${path} yet (hlbot backtest creates it; daemon sessions: hlbot runs --db ${main})`,
      );
    return 0;
  }
  const db = openRunsLedger(path, { readonly: true });
  try {
    const rows = listRows(db, allRuns(db), wallClock.now());
    if (a.json) console.log(JSON.stringify(rows, null, 2));
    else {
      printRunList(rows, path);
      const elsewhere = a.db ? 0 : mainLedgerRuns(main, path);
      if (elsewhere)
        console.log(
          `${elsewhere} more in the main ledger (daemon sessions, runs stored there): hlbot runs --db ${main}`,
        );
    }
  } finally {
    db.close();
  }
  return 0;
}

/** Runs the main ledger holds (0 when it is the listed ledger, absent or unreadable). */
function mainLedgerRuns(main: string, listed: string): number {
  if (resolve(main) === resolve(listed) || !existsSync(main)) return 0;
  try {
    const db = openRunsLedger(main, { readonly: true });
    try {
      return (db.query("SELECT COUNT(*) AS n FROM backtest_runs").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // only a hint: a main ledger at another schema version must not fail the listing
  }
}

function showRun(a: RunsArgs, id: number): number {
  const { path } = runsLedger(a);
  const db = openRunsLedger(path, { readonly: true });
  try {
    const run = getRun(db, id, path);
    const row = listRows(db, [run], wallClock.now())[0]!;
    if (a.json)
      console.log(
        JSON.stringify(
          { ...run, trades: row.trades, status: row.status, from: row.from, to: row.to },
          null,
          2,
        ),
      );
    else printRunShow(run, row);
  } finally {
    db.close();
  }
  return 0;
}

function removeRuns(a: RunsArgs, body: (db: Database, path: string) => unknown, print: (out: never) => void) {
  const { path, busy } = runsLedger(a);
  const db = openRunsLedger(path, { busyTimeoutMs: busy });
  try {
    const out = body(db, path);
    if (a.vacuum) db.run("VACUUM");
    if (a.json) console.log(JSON.stringify(out, null, 2));
    else print(out as never);
  } finally {
    db.close();
  }
  return 0;
}

const ACTIONS = ["list", "show", "rm", "prune"];

interface RunsArgs extends GlobalArgValues {
  json?: boolean;
  vacuum?: boolean;
}

export const runsCommand = defineCommand({
  meta: {
    name: "runs",
    description:
      "stored runs: list (default) · show N · rm N · prune --keep N (backtests, sweeps, walk-forwards, daemon sessions)",
  },
  args: {
    ...args,
    action: { type: "positional", required: false, description: "list (default) | show | rm | prune" },
    id: { type: "positional", required: false, description: "run id (show, rm)" },
    keep: { type: "string", description: "prune: the newest backtest runs to keep" },
    vacuum: {
      type: "boolean",
      description: "rm, prune: VACUUM afterwards (gives the freed pages back to the disk)",
    },
  },
  run: ({ args: a }) =>
    runAction(() => {
      const action = a.action ? String(a.action) : "list";
      if (!ACTIONS.includes(action))
        throw new UsageError(`runs ${action}: expected one of ${ACTIONS.join(", ")}`);
      const needsId = action === "show" || action === "rm";
      if (needsId && a.id === undefined)
        throw new UsageError(`runs ${action}: which run? (hlbot runs ${action} N)`);
      if (!needsId && a.id !== undefined)
        throw new UsageError(`runs ${action}: unexpected argument "${a.id}"`);
      if (action !== "prune" && a.keep !== undefined) throw new UsageError("--keep belongs to runs prune");
      if (action === "list") return listRuns(a);
      if (action === "prune") {
        const keep = Number(a.keep);
        if (a.keep === undefined || !/^\d+$/.test(a.keep.trim()) || !Number.isSafeInteger(keep))
          throw new UsageError(
            `runs prune --keep ${a.keep ?? ""}: expected a whole number ≥ 0 (the runs to keep)`,
          );
        return removeRuns(a, (db) => pruneRuns(db, keep), printPruned);
      }
      const id = parseRunId(`runs ${action}`, String(a.id));
      if (action === "show") return showRun(a, id);
      return removeRuns(a, (db, path) => deleteRun(db, id, path), printDeleted);
    }),
});

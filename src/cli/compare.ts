/**
 * `hlbot compare A B`: two runs' decisions and trades matched by setup key, every difference with
 * its cause, totals and a verdict (src/compare). B may live in another ledger (--db-b). With
 * `--live-vs-shadow`, one run's live trades against its shadow trades: implementation shortfall per
 * bucket. Run 0 (the daemon) is read from the main ledger, backtest runs from the research ledger.
 * Exit 0 identical (or, for --live-vs-shadow, the report printed), 1 differences found, 2 bad input.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defineCommand } from "citty";
import { compareSides } from "../compare/diff.ts";
import { renderCompare, renderShortfall } from "../compare/render.ts";
import { liveVsShadow } from "../compare/shortfall.ts";
import { loadSide, overlap } from "../compare/sides.ts";
import { UsageError } from "../core/errors.ts";
import { runContext } from "../explain/run-context.ts";
import { openRunLedgerReadOnly, openRunsLedger, researchLedgerPath } from "../runs/research-ledger.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

function runId(name: string, value: unknown): number {
  const s = String(value ?? "");
  if (!/^\d+$/.test(s))
    throw new UsageError(`${name} "${s}": expected a run id (0 = the daemon, N = backtest run N)`);
  return Number(s);
}

export const compareCommand = defineCommand({
  meta: {
    name: "compare",
    description: "compare two runs decision by decision (exit 0 identical, 1 differs)",
  },
  args: {
    ...globalArgs,
    a: { type: "positional", description: "run A (0 = the daemon)", required: true },
    b: { type: "positional", description: "run B (omit with --live-vs-shadow)", required: false },
    "db-b": { type: "string", description: "ledger of run B (default: the same ledger as A)" },
    "live-vs-shadow": { type: "boolean", description: "run A's live trades against its shadow trades" },
    limit: { type: "string", description: "differences printed (default 50; --json lists all)" },
    json: { type: "boolean", description: "print JSON" },
  },
  run: ({ args }) =>
    runAction(() => {
      const a = runId("A", args.a);
      const limit = args.limit === undefined ? 50 : Number(args.limit);
      if (!Number.isInteger(limit) || limit < 0)
        throw new UsageError(`--limit ${args.limit}: expected a whole number`);
      if (args["live-vs-shadow"] && args.b !== undefined)
        throw new UsageError("--live-vs-shadow compares within one run: give one run id");
      if (!args["live-vs-shadow"] && args.b === undefined)
        throw new UsageError(
          "compare needs two run ids: hlbot compare A B (or hlbot compare N --live-vs-shadow)",
        );
      const ctx = createContext(args);
      // Run 0 (the daemon) is in the main ledger, backtest runs in the research ledger.
      const db = openRunLedgerReadOnly(ctx.config, a);
      try {
        if (args["live-vs-shadow"]) {
          if (args.b !== undefined)
            throw new UsageError("--live-vs-shadow compares within one run: give one run id");
          if (a !== 0 && !db.query("SELECT 1 FROM backtest_runs WHERE id = ?1").get(a))
            throw new UsageError(`run ${a}: no such backtest run in this ledger`);
          const r = liveVsShadow(db, a);
          console.log(args.json ? JSON.stringify(r, null, 2) : renderShortfall(r));
          return 0;
        }
        const b = runId("B", args.b);
        const pathA = a === 0 ? ctx.config.ledger.path : researchLedgerPath(ctx.config);
        const explicitB = args["db-b"] ? resolve(process.cwd(), args["db-b"]) : null;
        if (explicitB && !existsSync(explicitB))
          throw new UsageError(`--db-b ${args["db-b"]}: no such ledger file`);
        const pathB = explicitB ?? (b === 0 ? ctx.config.ledger.path : researchLedgerPath(ctx.config));
        const dbB =
          pathB === pathA
            ? db
            : explicitB
              ? openRunsLedger(explicitB, { readonly: true, mainPath: ctx.config.ledger.path })
              : openRunLedgerReadOnly(ctx.config, b);
        try {
          const ra = runContext(db, a, ctx.config);
          const rb = runContext(dbB, b, ctx.config);
          for (const [id, run, d] of [
            [a, ra, db],
            [b, rb, dbB],
          ] as const) {
            const n = d.query("SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?1").get(id) as {
              n: number;
            };
            if (n.n === 0)
              throw new UsageError(
                `run ${id}${run.kind === "daemon" ? " (the daemon)" : ""}: no decisions recorded`,
              );
          }
          const first = overlap(ra, rb);
          if (first.from >= first.to) throw new UsageError(`runs ${a} and ${b} do not overlap in time`);
          const modes = ra.modes.filter((m) => rb.modes.includes(m));
          const r = compareSides(
            loadSide("A", db, pathA, a, ctx.config, first, modes),
            loadSide("B", dbB, pathB, b, ctx.config, first, modes),
            first,
          );
          console.log(args.json ? JSON.stringify(r, null, 2) : renderCompare(r, limit));
          return r.identical ? 0 : 1;
        } finally {
          if (dbB !== db) dbB.close();
        }
      } finally {
        db.close();
      }
    }),
});

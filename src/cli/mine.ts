/** `hlbot mine`: evaluate closed shadow trades per bucket into a mining run (cron 03:00 UTC). */
import { existsSync } from "node:fs";
import { defineCommand } from "citty";
import * as z from "zod";
import { wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { runMining } from "../mining/mine.ts";
import { formatMining } from "../mining/report.ts";
import { acquireRunLock, lockPathFor } from "../mining/run-lock.ts";
import { researchLedgerPath } from "../runs/research-ledger.ts";
import { createContext, globalArgs, runAction } from "./context.ts";
import { formatMinableRuns, minableRuns } from "./mine-hint.ts";

/** Exit codes shared by `hlbot mine` and `hlbot promote` (also LockHeldError: 75). */
export const EXIT_DONE = 0;
export const EXIT_NOTHING_TO_DO = 3;

export function intArg(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = z.coerce.number().int().min(0).safeParse(value);
  if (!parsed.success) throw new UsageError(`${flag} ${value}: expected a whole number ≥ 0`);
  return parsed.data;
}

export const mineCommand = defineCommand({
  meta: {
    name: "mine",
    description:
      "compute per-bucket statistics of closed shadow trades into a mining run (exit 0 done, 3 no trades, 75 locked)",
  },
  args: {
    ...globalArgs,
    model: { type: "string", description: "friction model or sim_model_version (default: friction.model)" },
    "run-id": {
      type: "string",
      description: "source: 0 = the daemon's shadow trades (default), N = backtest run N",
    },
    seed: { type: "string", description: "bootstrap seed (default: mining.seed)" },
    json: { type: "boolean", description: "print the full result as JSON" },
  },
  run: ({ args }) =>
    runAction(() => {
      const ctx = createContext(args);
      const runId = intArg(args["run-id"], "--run-id");
      const seed = intArg(args.seed, "--seed");
      const lock = acquireRunLock(lockPathFor(ctx.config.ledger.path, "mine"));
      const db = ctx.openDb();
      try {
        const result = runMining(db, ctx.config, {
          clock: wallClock,
          ...(args.model ? { model: args.model } : {}),
          ...(runId !== undefined ? { runId } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
        // Nothing from the daemon: name the backtest runs that could be mined instead.
        const alternatives =
          result.miningRunId === null && result.source.runId === 0 ? minableRuns(db) : null;
        if (args.json) {
          const { result: family, ...rest } = result;
          console.log(
            JSON.stringify(
              {
                ...rest,
                buckets: family.buckets,
                family: family.family,
                trials: family.trials,
                ...(alternatives ? { minableRuns: alternatives } : {}),
              },
              null,
              2,
            ),
          );
        } else {
          console.log(formatMining(result));
          if (alternatives) {
            const research = researchLedgerPath(ctx.config);
            const other = research !== ctx.config.ledger.path && existsSync(research) ? research : undefined;
            console.log(formatMinableRuns(alternatives, result.source.model, other));
          }
        }
        return result.miningRunId === null ? EXIT_NOTHING_TO_DO : EXIT_DONE;
      } finally {
        db.close();
        lock.release();
      }
    }),
});

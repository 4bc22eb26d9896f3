/** `hlbot promote`: apply the newest mining run to the bucket states and live_candidates.json (cron 03:05 UTC). */
import { defineCommand } from "citty";
import { oneShotAlerts } from "../alerts/one-shot.ts";
import { promotionEvents } from "../alerts/promotion.ts";
import { wallClock } from "../core/clock.ts";
import { runPromotion } from "../mining/promote.ts";
import { formatPromotion } from "../mining/report.ts";
import { acquireRunLock, lockPathFor } from "../mining/run-lock.ts";
import { createContext, globalArgs, runAction } from "./context.ts";
import { EXIT_DONE, EXIT_NOTHING_TO_DO, intArg } from "./mine.ts";

export const promoteCommand = defineCommand({
  meta: {
    name: "promote",
    description:
      "SHADOW → PROBATION → LIVE promotions and CUSUM/SPRT demotions; writes live_candidates.json (exit 0 changes, 3 no changes, 75 locked)",
  },
  args: {
    ...globalArgs,
    "mining-run": {
      type: "string",
      description: "mining run id to apply (default: the newest for the model/source)",
    },
    model: { type: "string", description: "friction model or sim_model_version (default: friction.model)" },
    "run-id": {
      type: "string",
      description: "source of the mining run: 0 = daemon (default), N = backtest run N",
    },
    "dry-run": { type: "boolean", description: "show the changes, write nothing" },
    json: { type: "boolean", description: "print the result as JSON" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const miningRunId = intArg(args["mining-run"], "--mining-run");
      const runId = intArg(args["run-id"], "--run-id");
      const dryRun = Boolean(args["dry-run"]);
      const alert = dryRun ? null : oneShotAlerts(ctx.config, ctx.secrets, "promote");
      const lock = dryRun ? null : acquireRunLock(lockPathFor(ctx.config.ledger.path, "promote"));
      const db = ctx.openDb(dryRun ? { readonly: true } : {});
      try {
        const result = runPromotion(db, ctx.config, {
          clock: wallClock,
          dryRun,
          ...(miningRunId !== undefined ? { miningRunId } : {}),
          ...(args.model ? { model: args.model } : {}),
          ...(runId !== undefined ? { runId } : {}),
        });
        if (args.json) console.log(JSON.stringify(result, null, 2));
        else console.log(formatPromotion(result, dryRun, ctx.config.live.candidates_path));
        await alert?.(promotionEvents(result));
        return result.status === "applied" ? EXIT_DONE : EXIT_NOTHING_TO_DO;
      } finally {
        db.close();
        lock?.release();
      }
    }),
});

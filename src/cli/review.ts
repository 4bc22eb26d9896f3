/**
 * `hlbot review`: the weekly review of the daemon's ledger (perp-bot's Monday read) — per path, PnL
 * and R overall, per strategy and per bucket, best and worst trades, events, promotions/demotions,
 * realised costs against the friction model. Text, --json or --html FILE. Cron-friendly exit codes:
 * 0 reviewed, 2 bad input (a bad --week, --path or --run), 3 the week holds no data.
 */
import { defineCommand } from "citty";
import { wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { buildReview } from "../review/build.ts";
import type { Path } from "../review/gather.ts";
import { renderReviewHtml } from "../review/render-html.ts";
import { renderReviewText } from "../review/render-text.ts";
import { lastCompleteWeek, parseWeek } from "../review/week.ts";
import { parseRunId } from "../runs/rerun-command.ts";
import { getRun } from "../runs/run-row.ts";
import { createContext, globalArgs, runAction, writeOutputFile } from "./context.ts";

/** Exit code when the week has nothing to review. */
export const EXIT_NO_DATA = 3;

export const reviewCommand = defineCommand({
  meta: {
    name: "review",
    description:
      "weekly review: PnL and R per path, strategy and bucket, events, promotions, costs (exit 0 ok, 2 bad input, 3 no data)",
  },
  args: {
    ...globalArgs,
    week: { type: "string", description: "ISO week YYYY-Www, UTC (default: the last complete week)" },
    path: {
      type: "enum",
      options: ["both", "shadow", "live"],
      default: "both",
      description: "the paths to review",
    },
    run: { type: "string", description: "review backtest run N of --db instead of the daemon (run 0)" },
    json: { type: "boolean", description: "print the review as JSON" },
    html: { type: "string", description: "also write a self-contained HTML page to this file" },
  },
  run: ({ args }) =>
    runAction(() => {
      const ctx = createContext(args);
      const week = args.week ? parseWeek("--week", args.week) : lastCompleteWeek(wallClock.now());
      const path = args.path ?? "both";
      if (!["both", "shadow", "live"].includes(path))
        throw new UsageError(`--path ${path}: expected shadow, live or both`);
      const paths: Path[] = path === "both" ? ["shadow", "live"] : [path as Path];
      const runId = args.run === undefined ? 0 : parseRunId("--run", args.run);
      const ledger = ctx.config.ledger.path;
      const db = ctx.openDb({ readonly: true });
      try {
        if (runId) getRun(db, runId, ledger);
        const review = buildReview(db, ctx.config, { week, paths, runId });
        if (args.html) writeOutputFile(args.html, renderReviewHtml(review, ledger));
        if (args.json) console.log(JSON.stringify({ ledger, ...review }, null, 2));
        else if (review.hasData) console.log(renderReviewText(review, ledger));
        else
          console.log(
            `no data for ${week.label} (${ledger}): no trade, decision, event or bucket state change on the ${paths.join(" and ")} path${paths.length > 1 ? "s" : ""} (exit 3)`,
          );
        return review.hasData ? 0 : EXIT_NO_DATA;
      } finally {
        db.close();
      }
    }),
});

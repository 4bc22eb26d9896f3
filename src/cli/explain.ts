/**
 * `hlbot explain DECISION_ID…`: why a decision was taken — its bar rebuilt from the ledger through
 * the engine, every feature, each gate with its threshold, the score breakdown, the live gate and
 * the trade that followed (src/explain). Exit 0 when the rebuild equals the stored row, 1 when it
 * does not (the differences are printed), 2 on bad input (an unknown id is named). The daemon's
 * decisions are in the main ledger; a backtest's, with --research, in the research ledger.
 */
import { defineCommand } from "citty";
import { UsageError } from "../core/errors.ts";
import { explainIds } from "../explain/explain.ts";
import { renderExplanation } from "../explain/render.ts";
import { openRunLedgerReadOnly } from "../runs/research-ledger.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

export const explainCommand = defineCommand({
  meta: {
    name: "explain",
    description: "why a decision was taken: features, gates, score, live gate, trade",
  },
  args: {
    ...globalArgs,
    id: { type: "positional", description: "decision id (several: comma-separated)", required: true },
    research: {
      type: "boolean",
      description:
        "a backtest's decision: look it up in the research ledger (default: the main ledger, the daemon's)",
    },
    json: { type: "boolean", description: "print JSON" },
  },
  run: ({ args }) =>
    runAction(() => {
      const ids = String(args.id)
        .split(",")
        .map((s) => s.trim());
      for (const s of ids) {
        if (!/^\d+$/.test(s))
          throw new UsageError(`DECISION_ID "${s}": expected a decision id (a whole number)`);
      }
      const ctx = createContext(args);
      // Decision ids are per ledger: the daemon's are in the main ledger, backtests' in the research one.
      const db = openRunLedgerReadOnly(ctx.config, args.research ? 1 : 0);
      try {
        const out = explainIds(db, ids.map(Number), ctx.config);
        if (args.json) console.log(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
        else console.log(out.map(renderExplanation).join("\n\n"));
        return out.some((e) => e.mismatches.length > 0) ? 1 : 0;
      } finally {
        db.close();
      }
    }),
});

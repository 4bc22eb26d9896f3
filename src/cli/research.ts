/**
 * `hlbot research`: answers the seed's eight open questions (issue 17) on the ledger's data through
 * the engine, each with its measured answer, sample sizes, bootstrap CIs and a verdict with its rule;
 * every experiment is stored as a normal backtest run. Deterministic given --seed.
 */
import { defineCommand } from "citty";
import { UsageError } from "../core/errors.ts";
import { coinsToLoad, signalIntervals, warmupMs } from "../engine/signal-source.ts";
import { formatResearch } from "../research/print.ts";
import { researchHtml } from "../research/report-html.ts";
import { QUESTION_IDS, runResearch } from "../research/run-research.ts";
import { ledgerCoins } from "../sim/backtest-data.ts";
import { ledgerSpans, resolveWindow } from "../sim/backtest-window.ts";
import { parseDate, parseList } from "./args.ts";
import { createContext, globalArgs, runAction, writeOutputFile } from "./context.ts";

/** --questions 1,3,5 → [1, 3, 5]; each must be one of the eight. */
export function parseQuestions(value: string | undefined): number[] {
  const items = parseList("questions", value);
  if (!items) return QUESTION_IDS;
  const ids = items.map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
  const bad = items.filter((_, i) => !QUESTION_IDS.includes(ids[i]!));
  if (bad.length) throw new UsageError(`--questions: ${bad.join(", ")} is not a question (1–8)`);
  return [...new Set(ids)];
}

export function parseSeed(value: string | undefined): number {
  if (value === undefined || value === "") return 1;
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff)
    throw new UsageError(`--seed: "${value}" is not a non-negative integer below 2^32`);
  return Number(value);
}

export const researchCommand = defineCommand({
  meta: {
    name: "research",
    description:
      "answer the eight research questions (regime, partial TP, slippage, ADX, clusters, funding, book, gate)",
  },
  args: {
    ...globalArgs,
    questions: { type: "string", description: "comma-separated question numbers 1–8 (default: all)" },
    coins: { type: "string", description: "comma-separated coins, or all (default: config engine.coins)" },
    from: { type: "string", description: "start, YYYY-MM-DD UTC (default: first bar after warm-up)" },
    to: { type: "string", description: "end, YYYY-MM-DD UTC (default: last bar's close)" },
    seed: { type: "string", default: "1", description: "seed of the bootstrap and the gate calibration" },
    html: { type: "string", description: "write a self-contained HTML report to this file" },
    json: { type: "boolean", description: "print the report as JSON" },
  },
  run: ({ args }) =>
    runAction(() => {
      const ctx = createContext(args);
      const { config } = ctx;
      const ids = parseQuestions(args.questions);
      const seed = parseSeed(args.seed);
      const db = ctx.openDb();
      const coinsArg = parseList("coins", args.coins);
      const asked = coinsArg?.[0] === "all" ? ledgerCoins(db) : (coinsArg ?? config.engine.coins);
      const intervals = signalIntervals(config, null);
      const spans = ledgerSpans(db, coinsToLoad(config, asked), intervals);
      const { from, to, warnings } = resolveWindow(
        spans,
        asked,
        parseDate("from", args.from),
        parseDate("to", args.to),
        warmupMs(config, null),
      );
      const have = new Set(spans.map((s) => s.coin));
      const coins = asked.filter((c) => have.has(c));
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      const report = runResearch(
        {
          db,
          config,
          coins,
          from,
          to,
          seed,
          store: true,
          command: ["hlbot", ...process.argv.slice(2)].join(" "),
          onRun: args.json
            ? undefined
            : (label, s) => process.stderr.write(`  ran ${label} (${s.toFixed(1)} s)\n`),
        },
        ids,
      );
      db.close();
      if (args.html) writeOutputFile(args.html, researchHtml(report));
      if (args.json) console.log(JSON.stringify(report, null, 2));
      else console.log(formatResearch(report, args.html ?? null));
      return 0;
    }),
});

/**
 * `hlbot backtest`: the daemon's engine over the ledger's history under a friction model; prints the
 * summary (or JSON), writes an HTML report, and runs walk-forward windows or a parameter sweep on
 * both cores. Stored runs land in backtest_runs with their decisions, trades and equity.
 */

import { writeFileSync } from "node:fs";
import { defineCommand } from "citty";
import { DAY_MS } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { loadLiveCandidatesMap } from "../engine/promoted.ts";
import { coinsToLoad, createSignalSource, signalIntervals, warmupMs } from "../engine/signal-source.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";
import { renderBacktestHtml } from "../report/backtest-html.ts";
import { type ModeResult, modeSummary, runBacktest } from "../sim/backtest.ts";
import { ledgerCoins } from "../sim/backtest-data.ts";
import { runJobs } from "../sim/job-pool.ts";
import { getModel } from "../sim/models/index.ts";
import { expandGrid, parseSweep } from "../sim/sweep-grid.ts";
import { walkForward } from "../sim/walk-forward.ts";
import { parseDate, parseList } from "./args.ts";
import { printBacktest, printJobTable, printWalkForward } from "./backtest-print.ts";
import { createContext, globalArgs, runAction } from "./context.ts";
import { createProgress } from "./progress.ts";

export const backtestCommand = defineCommand({
  meta: {
    name: "backtest",
    description: "replay the ledger through the trading engine under a friction model",
  },
  args: {
    ...globalArgs,
    model: {
      type: "string",
      description: "friction model: legacy | v2 | v3 | v4 | v5 (default: config friction.model)",
    },
    strategies: { type: "string", description: "comma-separated strategies (default: all)" },
    coins: { type: "string", description: "comma-separated coins, or all (default: config engine.coins)" },
    from: { type: "string", description: "start, YYYY-MM-DD UTC (default: first bar after warm-up)" },
    to: { type: "string", description: "end, YYYY-MM-DD UTC (default: last bar)" },
    mode: {
      type: "enum",
      options: ["shadow", "live"],
      default: "shadow",
      description: "shadow path only, or shadow + live path",
    },
    "ignore-candidates": {
      type: "boolean",
      description: "live mode: trade every bucket, not only promoted ones",
    },
    json: { type: "boolean", description: "print the result as JSON" },
    report: { type: "string", description: "write a self-contained HTML report to this file" },
    "walk-forward": {
      type: "boolean",
      description: "rolling train/test windows (with --sweep: choose on train, score on test)",
    },
    "train-days": { type: "string", default: "90", description: "walk-forward train window, days" },
    "test-days": { type: "string", default: "30", description: "walk-forward test window, days" },
    sweep: { type: "string", description: "sensitivity grid: key=a,b,c[;key2=x,y] over config keys" },
    workers: { type: "string", description: "worker threads for sweeps / walk-forward (default: cores)" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const { config } = ctx;
      const model = args.model ?? config.friction.model;
      getModel(model);
      const strategies = parseList("strategies", args.strategies);
      const db = ctx.openDb();
      const coinsArg = parseList("coins", args.coins);
      const coins = coinsArg?.[0] === "all" ? ledgerCoins(db) : (coinsArg ?? config.engine.coins);
      const signals = createSignalSource(config, strategies, coins);
      const intervals = signalIntervals(config, strategies);
      const bounds = db
        .query(
          `SELECT MIN(t) AS lo, MAX(t) AS hi FROM candles WHERE coin IN (${coins.map(() => "?").join(",")})`,
        )
        .get(...coins) as { lo: number | null; hi: number | null };
      if (bounds.lo === null || bounds.hi === null)
        throw new UsageError(
          "no candles in the ledger for these coins: run `hlbot import` or `hlbot backfill` first",
        );
      const warmup = warmupMs(config, strategies);
      const from = parseDate("from", args.from) ?? bounds.lo + warmup;
      const to = parseDate("to", args.to) ?? bounds.hi + DAY_MS;
      if (to <= from) throw new UsageError("--to must be after --from");
      const mode = args.mode as "shadow" | "live";
      const sweepSpecs = args.sweep ? args.sweep.split(/[;\s]+/).filter(Boolean) : [];
      const workers = args.workers ? Number(args.workers) : undefined;

      if (args["walk-forward"] || sweepSpecs.length) {
        const grid = sweepSpecs.length ? expandGrid(config, parseSweep(sweepSpecs)) : [];
        const template = {
          dbPath: config.ledger.path,
          model,
          strategies,
          coins,
          intervals,
          warmupMs: warmup,
          mode,
        };
        const progress = createProgress(args["walk-forward"] ? "walk-forward" : "sweep");
        const runs = new BacktestRunsRepo(db);
        /** Stores a finished sweep or walk-forward as one backtest run (its result as the summary). */
        const store = (kind: "sweep" | "walk_forward", params: Record<string, unknown>, summary: unknown) => {
          const at = Date.now();
          const codeVersion = `${VERSION}+${COMMIT}`;
          const id = runs.create({ startedAt: at, kind, model, mode, params, dataHash: "", codeVersion });
          runs.complete(id, Date.now(), summary);
          return id;
        };
        if (args["walk-forward"]) {
          const trainDays = Number(args["train-days"]);
          const testDays = Number(args["test-days"]);
          if (!(trainDays > 0 && testDays > 0))
            throw new UsageError("--train-days and --test-days must be positive numbers");
          const result = await walkForward(
            template,
            { label: "base", config },
            grid,
            { from, to, trainDays, testDays, minTrades: 10 },
            (d, t) => progress.update(d, t),
          );
          progress.done();
          const id = store(
            "walk_forward",
            { coins, strategies, trainDays, testDays, sweep: sweepSpecs },
            result,
          );
          if (args.json) console.log(JSON.stringify({ runId: id, windows: result }, null, 2));
          else printWalkForward(result, id);
        } else {
          const jobs = grid.map((g, i) => ({
            ...template,
            id: i,
            label: g.label,
            config: g.config,
            from,
            to,
          }));
          const results = await runJobs(jobs, { workers, onDone: (d, t) => progress.update(d, t) });
          progress.done();
          const id = store("sweep", { coins, strategies, from, to, sweep: sweepSpecs }, results);
          if (args.json) console.log(JSON.stringify({ runId: id, results }, null, 2));
          else printJobTable(results, id);
        }
        db.close();
        return 0;
      }

      const progress = createProgress("backtest");
      const result = runBacktest(db, {
        config,
        model,
        coins: coinsToLoad(config, coins),
        intervals,
        from,
        to,
        warmupMs: warmup,
        mode,
        ignoreCandidates: Boolean(args["ignore-candidates"]),
        signals,
        store: true,
        params: { strategies },
        promoted: mode === "live" ? loadLiveCandidatesMap(config.live.candidates_path) : undefined,
        onProgress: (d, t) => progress.update(d, t),
      });
      progress.done();
      db.close();
      if (args.report)
        writeFileSync(
          args.report,
          renderBacktestHtml(result, `hlbot backtest #${result.runId} (${result.modelVersion})`),
        );
      if (args.json) {
        const { shadow, live, ...rest } = result;
        const withTrades = (m: ModeResult) => ({ ...modeSummary(m), trades: m.trades });
        console.log(
          JSON.stringify({ ...rest, shadow: withTrades(shadow), live: live && withTrades(live) }, null, 2),
        );
      } else printBacktest(result, args.report ?? null);
      return 0;
    }),
});

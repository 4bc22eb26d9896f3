/**
 * `hlbot backtest`: the daemon's engine over the ledger's history under a friction model — both
 * paths by default, as the daemon runs them; prints the summary (or JSON), writes an HTML report, and
 * runs walk-forward windows or a parameter sweep on both cores. Stored runs land in backtest_runs
 * with their decisions, trades, equity and events.
 */

import { defineCommand } from "citty";
import { UsageError } from "../core/errors.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { parseKillSwitchRule } from "../engine/engine-events.ts";
import { loadLiveCandidatesMap } from "../engine/promoted.ts";
import { coinsToLoad, createSignalSource, signalIntervals, warmupMs } from "../engine/signal-source.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";
import { buildRunReport } from "../report/run-report.ts";
import { cliArgv, recordProvenance } from "../runs/provenance.ts";
import { parseRunId, printRerun, rerunBacktest } from "../runs/rerun-command.ts";
import { openResearchLedger, researchLedgerPath } from "../runs/research-ledger.ts";
import { recordRunData } from "../runs/run-data.ts";
import { type BacktestMode, runBacktest } from "../sim/backtest.ts";
import { ledgerCoins } from "../sim/backtest-data.ts";
import { ledgerSpans, resolveWindow } from "../sim/backtest-window.ts";
import { runJobs } from "../sim/job-pool.ts";
import { getModel } from "../sim/models/index.ts";
import { expandGrid, parseSweep } from "../sim/sweep-grid.ts";
import { checkSweepRelevance } from "../sim/sweep-relevance.ts";
import { sweepReport } from "../sim/sweep-report.ts";
import { rankLabel, walkForward } from "../sim/walk-forward.ts";
import { walkForwardSummary } from "../sim/walk-forward-summary.ts";
import { parseDate, parseList } from "./args.ts";
import { printBacktest } from "./backtest-print.ts";
import { parseBy } from "./backtest-print-by.ts";
import { printJobTable, printWalkForward } from "./backtest-print-jobs.ts";
import { createContext, globalArgs, runAction, writeOutputFile } from "./context.ts";
import { createProgress } from "./progress.ts";

/** The command line as typed (quoted where needed), stored with the run. */
const commandLine = () =>
  ["hlbot", ...process.argv.slice(2)]
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a)))
    .join(" ");

/** Where the run went, and how to find it again. */
/** Where the run went; only a single run can be rerun (`--rerun` refuses sweeps and walk-forwards). */
const storedLine = (ledger: string, id: number, single = false) =>
  `\nstored as run ${id} in ${ledger} (hlbot runs show ${id}${single ? `; hlbot backtest --rerun ${id} reproduces it` : ""})`;

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
    to: { type: "string", description: "end, YYYY-MM-DD UTC (default: last bar's close)" },
    mode: {
      type: "enum",
      options: ["both", "shadow", "live"],
      default: "both",
      description:
        "both paths as the daemon runs them (default; sweeps rank on shadow R), shadow only, or live (both; sweeps rank on the live account)",
    },
    "ignore-candidates": {
      type: "boolean",
      description: "live path: trade every bucket, not only the promoted ones",
    },
    "kill-switch": {
      type: "string",
      default: "halt",
      description:
        "the live kill switch in the replay: halt (live's rule: to the end of the run) or reset:N (lifted after N days, drawdown measured afresh)",
    },
    json: { type: "boolean", description: "print the run summary (with its trades) as JSON" },
    report: { type: "string", description: "write a self-contained HTML report to this file" },
    "walk-forward": {
      type: "boolean",
      description: "rolling train/test windows (with --sweep: choose on train, score on test)",
    },
    "train-days": { type: "string", default: "90", description: "walk-forward train window, days" },
    "test-days": { type: "string", default: "30", description: "walk-forward test window, days" },
    sweep: { type: "string", description: "sensitivity grid: key=a,b,c[;key2=x,y] over config keys" },
    workers: { type: "string", description: "worker threads for sweeps / walk-forward (default: cores)" },
    by: {
      type: "string",
      description: "sweep / walk-forward rows per coin, strategy and/or bucket too (comma-separated)",
    },
    "pbo-blocks": {
      type: "string",
      default: "16",
      description: "sweep PBO by CSCV: S, the even number of time blocks (2..20)",
    },
    "research-db": {
      type: "string",
      description:
        "ledger the run is stored in, reading market data from --db (default: ledger.research_path, else research.db beside the ledger)",
    },
    rerun: { type: "string", description: "run stored run N again from its stored config and inputs" },
    force: { type: "boolean", description: "with --rerun: run although the data or the binary changed" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const { config } = ctx;
      const model = args.model ?? config.friction.model;
      getModel(model);
      const killSwitch = parseKillSwitchRule(args["kill-switch"] ?? "halt");
      if (!killSwitch)
        throw new UsageError(
          `--kill-switch ${args["kill-switch"]}: expected halt or reset:N (N days, e.g. reset:7)`,
        );
      const strategies = parseList("strategies", args.strategies);
      const researchPath = researchLedgerPath(config, args["research-db"]);
      const db = openResearchLedger(researchPath, config.ledger.path, {
        busyTimeoutMs: config.ledger.busy_timeout_ms,
      });
      if (args.rerun) {
        const id = parseRunId("--rerun", args.rerun);
        const out = rerunBacktest(db, researchPath, config, {
          id,
          force: Boolean(args.force),
          command: commandLine(),
        });
        db.close();
        if (args.json) console.log(JSON.stringify(out, null, 2));
        else printRerun(out);
        return out.diff.identical || out.forced.length ? 0 : 1;
      }
      const coinsArg = parseList("coins", args.coins);
      const coins = coinsArg?.[0] === "all" ? ledgerCoins(db) : (coinsArg ?? config.engine.coins);
      const signals = createSignalSource(config, strategies, coins);
      const intervals = signalIntervals(config, strategies);
      const warmup = warmupMs(config, strategies);
      const { from, to, warnings } = resolveWindow(
        ledgerSpans(db, coinsToLoad(config, coins), intervals),
        coins,
        parseDate("from", args.from),
        parseDate("to", args.to),
        warmup,
      );
      const mode = args.mode as BacktestMode;
      const sweepSpecs = args.sweep ? args.sweep.split(/[;\s]+/).filter(Boolean) : [];
      const workers = args.workers ? Number(args.workers) : undefined;

      if (args["walk-forward"] || sweepSpecs.length) {
        const axes = parseSweep(sweepSpecs);
        checkSweepRelevance(axes, { mode, model: getModel(model), strategies, config });
        const grid = sweepSpecs.length ? expandGrid(config, axes) : [];
        const by = parseBy(args.by);
        const pboBlocks = Number(args["pbo-blocks"]);
        if (!Number.isInteger(pboBlocks) || pboBlocks < 2 || pboBlocks > 20 || pboBlocks % 2 !== 0)
          throw new UsageError(
            `--pbo-blocks ${args["pbo-blocks"]}: expected an even whole number from 2 to 20`,
          );
        const template = {
          dbPath: config.ledger.path,
          model,
          strategies,
          coins,
          intervals,
          warmupMs: warmup,
          mode,
        };
        const rankedOn = mode === "live" ? "live" : "shadow";
        const progress = createProgress(args["walk-forward"] ? "walk-forward" : "sweep");
        const runs = new BacktestRunsRepo(db);
        /** Stores a finished sweep or walk-forward as one backtest run (its ranked results as the summary). */
        const store = (kind: "sweep" | "walk_forward", params: Record<string, unknown>, summary: unknown) => {
          const at = Date.now();
          const codeVersion = `${VERSION}+${COMMIT}`;
          const id = runs.create({
            startedAt: at,
            kind,
            model,
            mode,
            params,
            dataHash: "",
            codeVersion,
            command: commandLine(),
          });
          runs.complete(id, Date.now(), summary);
          recordProvenance(db, id, { config, argv: cliArgv(), inputs: null });
          recordRunData(db, id, config, { ...template, coins: coinsToLoad(config, coins), from, to });
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
          const oos = walkForwardSummary(result, grid.length);
          const summary = {
            kind: "walk_forward",
            rankedOn,
            rankedBy: rankLabel(rankedOn),
            ...oos,
            windows: result,
          };
          const id = store(
            "walk_forward",
            { coins, strategies, trainDays, testDays, sweep: sweepSpecs },
            summary,
          );
          if (args.json) console.log(JSON.stringify({ runId: id, ...summary }, null, 2));
          else {
            printWalkForward(result, id, oos, by);
            console.log(storedLine(researchPath, id));
          }
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
          const report = sweepReport(results, { from, to }, pboBlocks);
          const summary = { kind: "sweep", rankedOn, rankedBy: rankLabel(rankedOn), report, results };
          const id = store("sweep", { coins, strategies, from, to, sweep: sweepSpecs }, summary);
          if (args.json) console.log(JSON.stringify({ runId: id, ...summary }, null, 2));
          else {
            printJobTable(results, id, report, by);
            console.log(storedLine(researchPath, id));
          }
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
        strategies,
        store: true,
        params: { strategies },
        command: commandLine(),
        provenance: { argv: cliArgv(), signalCoins: coins },
        killSwitch,
        warnings,
        promoted: mode === "shadow" ? undefined : loadLiveCandidatesMap(config.live.candidates_path),
        promotedFrom: config.live.candidates_path,
        onProgress: (d, t) => progress.update(d, t),
      });
      progress.done();
      if (args.report) writeOutputFile(args.report, buildRunReport(db, result.runId ?? 0));
      db.close();
      if (args.json) console.log(JSON.stringify(result, null, 2));
      else {
        printBacktest(result, args.report ?? null);
        console.log(storedLine(researchPath, result.runId ?? 0, true));
      }
      return 0;
    }),
});

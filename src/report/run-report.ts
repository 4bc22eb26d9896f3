/**
 * The HTML report of a run stored in the ledger, by run id — what `hlbot backtest --report FILE`
 * writes, and what any later command (a report of an old run) can call:
 *
 *   writeFileSync(file, buildRunReport(db, runId));
 *
 * It reads the run's figures the way the dashboard does (its stored RunSummary, else figured from
 * the ledger over the whole run), every closed trade with its exits and the decision behind it, and
 * each traded coin's candles over the run at the finest stored interval that keeps the page light.
 */
import type { Database } from "bun:sqlite";
import { CandleQueries } from "../api/queries/candles.ts";
import { DecisionQueries } from "../api/queries/decisions.ts";
import { RunListQueries } from "../api/queries/run-list.ts";
import { RunClock } from "../api/queries/runs.ts";
import { SummaryQueries } from "../api/queries/summary.ts";
import { TradeQueries } from "../api/queries/trades.ts";
import { runSummaryView } from "../api/routes/summary.ts";
import { DAY_MS, wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import type { DecisionJson, TradeJson } from "../ui/web/shared/trade-types.ts";
import { renderReportHtml } from "./backtest-html.ts";

/** Bars per coin at most, and over all coins: a 100-coin run stays a page a phone can open. */
export const REPORT_BARS_PER_COIN = 5000;
export const REPORT_BARS_TOTAL = 150_000;
/** Points of the cumulative-R and equity curves kept in the report. */
export const REPORT_CURVE_POINTS = 5000;

export function buildRunReport(db: Database, runId: number, title?: string): string {
  const runClock = new RunClock(db, wallClock);
  const entry = runId > 0 ? new RunListQueries(db).get(runId) : null;
  if (!entry)
    throw new UsageError(`no backtest run ${runId} in this ledger (hlbot backtest prints the run id)`);
  const run = runClock.resolve(runId);
  const summary = runSummaryView({ runClock, summary: new SummaryQueries(db) }, run, {}, REPORT_CURVE_POINTS);

  const trades = new TradeQueries(db).allOfRun(runId) as TradeJson[];
  const decisionQueries = new DecisionQueries(db);
  const decisions = new Map<number, DecisionJson>();
  for (const t of trades) {
    if (t.decision_id === null || decisions.has(t.decision_id)) continue;
    const d = decisionQueries.byId(t.decision_id);
    if (d) decisions.set(t.decision_id, compactFeatures(JSON.parse(d.row) as DecisionJson));
  }

  const candleQueries = new CandleQueries(db);
  const coins = [...new Set(trades.map((t) => t.coin))].sort();
  const perCoin = Math.max(
    500,
    Math.min(REPORT_BARS_PER_COIN, Math.floor(REPORT_BARS_TOTAL / Math.max(1, coins.length))),
  );
  const from = summary.window.from - DAY_MS;
  const to = summary.window.to + DAY_MS;
  const candles = new Map<string, { interval: string; bars: [number, number, number, number, number][] }>();
  for (const coin of coins) {
    const interval = candleQueries.pick(candleQueries.intervals(coin), from, to, perCoin);
    if (!interval) continue;
    const bars = candleQueries.get(coin, interval, from, to, perCoin).bars;
    candles.set(coin, { interval, bars: bars.map((b) => [b[0], b[1], b[2], b[3], b[4]]) });
  }

  return renderReportHtml({
    title: title ?? `backtest #${runId} (${entry.model})`,
    run: {
      id: runId,
      status: run.status === "unfinished" ? "unfinished" : "finished",
      kind: entry.kind,
      model: entry.model,
      mode: entry.mode,
      command: entry.command,
      dataHash: entry.data_hash,
      codeVersion: entry.code_version,
    },
    summary,
    trades,
    decisions: [...decisions.values()],
    candles,
  });
}

/** Features to 6 significant digits, as the drill-down prints them: a lighter page, the same text. */
function compactFeatures(d: DecisionJson): DecisionJson {
  if (!d.features) return d;
  const features: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.features)) {
    features[k] = typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
  }
  return { ...d, features };
}

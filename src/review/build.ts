/**
 * perp-bot's weekly review, from the ledger: for one ISO week and each path, the R figures and net
 * PnL overall, per strategy and per bucket (the report producers' rStats / breakdown / withNetPnl,
 * so every table adds up to its path's overall row), the best and worst three trades, the decisions,
 * the realised costs against the friction model, and — shared by both paths — the week's events and
 * bucket promotions/demotions. The daemon's rows are run 0; a backtest run can be reviewed too.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { breakdown, withNetPnl } from "../report/breakdown.ts";
import { rStats } from "../report/r-stats.ts";
import type { GroupRow, RStats, RunTrade } from "../report/run-summary.ts";
import { getModel, resolveModel } from "../sim/models/index.ts";
import { type CostReview, fillCosts, tradeCosts } from "./costs.ts";
import { type ReviewEvent, type StateChange, weekEvents, weekStateChanges } from "./events.ts";
import { weekFills } from "./fills.ts";
import { type Path, weekDecisions, weekTrades } from "./gather.ts";
import type { IsoWeek } from "./week.ts";

export interface TradeLine {
  id: number;
  coin: string;
  side: string;
  strategy: string;
  bucket: string;
  openedAt: number;
  closedAt: number;
  r: number | null;
  netPnl: number;
  exitReason: string;
}

export interface PathReview {
  path: Path;
  /** Shadow: simulated USDC on the shadow book (a research sample, read it in R); live: the account's. */
  pnlUnit: string;
  overall: RStats & { netPnl: number };
  byStrategy: Record<string, GroupRow & { netPnl: number }>;
  byBucket: Record<string, GroupRow & { netPnl: number }>;
  best: TradeLine[];
  worst: TradeLine[];
  decisions: { candidates: number; opened: number };
  costs: CostReview;
}

export interface WeeklyReview {
  week: IsoWeek;
  runId: number;
  model: { name: string; version: string; takerFeeBps: number; slippageBps: number; depth: boolean };
  paths: PathReview[];
  events: ReviewEvent[];
  stateChanges: StateChange[];
  /** False when the week holds no trade, decision, event or state change on the paths asked for. */
  hasData: boolean;
}

const line = (t: RunTrade): TradeLine => ({
  id: t.id,
  coin: t.coin,
  side: t.side,
  strategy: t.strategy,
  bucket: t.bucket,
  openedAt: t.openedAt,
  closedAt: t.closedAt,
  r: t.r,
  netPnl: t.netPnl,
  exitReason: t.exitReason,
});

/** Best first by R (ties: higher PnL, then earlier close). */
const byR = (a: RunTrade, b: RunTrade) =>
  (b.r ?? 0) - (a.r ?? 0) || b.netPnl - a.netPnl || a.closedAt - b.closedAt;

export interface ReviewOptions {
  week: IsoWeek;
  paths: Path[];
  /** 0 = the daemon (default); N = backtest run N. */
  runId?: number;
}

export function buildReview(db: Database, config: Config, o: ReviewOptions): WeeklyReview {
  const runId = o.runId ?? 0;
  const model = resolveModel(getModel(config.friction.model), config.friction, config.exits);
  const costs = { takerFeeBps: model.takerFeeBps, slippageBps: model.slippageBps };
  const window = { from: o.week.from, to: o.week.to };
  const paths = o.paths.map((path): PathReview => {
    const trades = weekTrades(db, runId, path, o.week);
    const name = `review:${o.week.label}:${path}`;
    const stats = rStats(trades, window, name);
    const strategy = (t: RunTrade) => t.strategy;
    const bucket = (t: RunTrade) => t.bucket;
    const ranked = [...trades].sort(byR);
    const fills = path === "live" && runId === 0 ? weekFills(db, o.week) : [];
    return {
      path,
      pnlUnit: path === "live" ? "USDC (account)" : "USDC (simulated shadow book)",
      overall: { ...stats, netPnl: trades.reduce((a, t) => a + t.netPnl, 0) },
      byStrategy: withNetPnl(
        breakdown(trades, strategy, () => window, `${name}:strategy`),
        trades,
        strategy,
      ),
      byBucket: withNetPnl(
        breakdown(trades, bucket, () => window, `${name}:bucket`),
        trades,
        bucket,
      ),
      // Disjoint lists: with fewer than six trades the best take the upper half, the worst the rest.
      best: ranked.slice(0, Math.min(3, Math.ceil(ranked.length / 2))).map(line),
      worst: ranked
        .slice(ranked.length - Math.min(3, Math.floor(ranked.length / 2)))
        .reverse()
        .map(line),
      decisions: weekDecisions(db, runId, path, o.week),
      costs: fills.length ? fillCosts(fills, trades, costs) : tradeCosts(trades, costs),
    };
  });
  const events = weekEvents(db, runId, o.week);
  const stateChanges = runId === 0 ? weekStateChanges(db, o.week) : [];
  const hasData =
    paths.some((p) => p.overall.trades > 0 || p.decisions.candidates > 0) ||
    events.length > 0 ||
    stateChanges.length > 0;
  return {
    week: o.week,
    runId,
    model: {
      name: config.friction.model,
      version: model.version,
      takerFeeBps: model.takerFeeBps,
      slippageBps: model.slippageBps,
      depth: model.depth !== undefined,
    },
    paths,
    events,
    stateChanges,
    hasData,
  };
}

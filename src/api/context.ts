/**
 * What every route handler gets: the injected dependencies and the prepared query objects, built
 * once per app so each statement is compiled once.
 */
import { LedgerVersion } from "./cache.ts";
import { CandidateQueries } from "./queries/candidates.ts";
import { CandleQueries } from "./queries/candles.ts";
import { DecisionQueries } from "./queries/decisions.ts";
import { EquityQueries } from "./queries/equity.ts";
import { PerformanceQueries } from "./queries/performance.ts";
import { PositionQueries } from "./queries/positions.ts";
import { RunListQueries } from "./queries/run-list.ts";
import { RunClock } from "./queries/runs.ts";
import { StatusQueries } from "./queries/status.ts";
import { SummaryQueries } from "./queries/summary.ts";
import { TradeQueries } from "./queries/trades.ts";
import type { ApiDeps } from "./types.ts";

export interface ApiContext {
  deps: ApiDeps;
  decisions: DecisionQueries;
  positions: PositionQueries;
  trades: TradeQueries;
  performance: PerformanceQueries;
  equity: EquityQueries;
  candidates: CandidateQueries;
  status: StatusQueries;
  summary: SummaryQueries;
  candles: CandleQueries;
  runList: RunListQueries;
  /** Resolves run ids (404 for an unknown one) and tells "now" for each run. */
  runClock: RunClock;
  /** Changes whenever the ledger does: the key of response caches. */
  version: LedgerVersion;
}

export function createApiContext(deps: ApiDeps): ApiContext {
  const { db } = deps;
  return {
    deps,
    decisions: new DecisionQueries(db),
    positions: new PositionQueries(db),
    trades: new TradeQueries(db),
    performance: new PerformanceQueries(db),
    equity: new EquityQueries(db),
    candidates: new CandidateQueries(db),
    status: new StatusQueries(db),
    summary: new SummaryQueries(db),
    candles: new CandleQueries(db),
    runList: new RunListQueries(db),
    runClock: new RunClock(db, deps.clock),
    version: new LedgerVersion(db),
  };
}

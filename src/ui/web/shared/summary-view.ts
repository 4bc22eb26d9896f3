/**
 * What the report and the dashboard show of a run — the ONE seam between a RunSummary (the stored
 * result of `hlbot backtest`, src/report/run-summary.ts) and the pages. A stored RunSummary maps
 * over as it is (`viewOfRunSummary`); a run that stored none, and the daemon's own view, get the
 * same shape figured from the ledger (src/api/queries/summary.ts), with null where the ledger
 * cannot know (events, coverage, how many buckets were promoted). Types and pure functions only:
 * this file is read by the server and bundled into the pages.
 */
import type {
  AccountStats,
  GroupRow,
  MonthRow,
  RStats,
  RunEvent,
  RunSummary,
  SeriesCoverage,
  Window,
} from "../../../report/run-summary.ts";

export type { AccountStats, GroupRow, MonthRow, RStats, RunEvent, SeriesCoverage, Window };

/** The shadow path: a research sample, in R only (no % return, no dollar equity). */
export interface ShadowView {
  overall: RStats;
  byStrategy: Record<string, GroupRow>;
  byCoin: Record<string, GroupRow>;
  byBucket: Record<string, GroupRow>;
  /** YYYY-MM → R figures of the trades closed that month. */
  byMonth: Record<string, GroupRow>;
  curve: { t: number; cumR: number }[];
}

export type LiveGroupRow = GroupRow & { netPnl: number };

/** The live path: an account (compounding equity that can be ruined), plus its trades in R. */
export interface LiveView {
  overall: AccountStats & RStats;
  byStrategy: Record<string, LiveGroupRow>;
  byCoin: Record<string, LiveGroupRow>;
  byBucket: Record<string, LiveGroupRow>;
  byMonth: MonthRow[];
  equity: { t: number; equity: number; drawdownPct: number }[];
  rejections: Record<string, number>;
  /** Promoted buckets the run could trade, "all" with --ignore-candidates; null when not recorded. */
  promotedBuckets: number | "all" | null;
  note: string | null;
}

export interface SummaryView {
  /** `stored`: the run's own RunSummary; `ledger`: figured from the ledger's rows. */
  source: "stored" | "ledger";
  runId: number;
  modelVersion: string | null;
  /** The window the figures cover. */
  window: Window;
  /** The window the market data covered inside it; null when not recorded. */
  dataWindow: Window | null;
  /** null: not recorded (a view figured from the ledger). */
  coverage: SeriesCoverage[] | null;
  events: RunEvent[] | null;
  warnings: string[];
  shadow: ShadowView;
  live: LiveView | null;
}

/** True when `x` has the RunSummary shape (a stored summary of older code does not). */
export function isRunSummary(x: unknown): x is RunSummary {
  if (!x || typeof x !== "object") return false;
  const s = x as Partial<RunSummary>;
  return (
    s.shadow?.path === "shadow" &&
    s.shadow.unit === "R" &&
    Array.isArray(s.events) &&
    Array.isArray(s.coverage) &&
    typeof s.window?.from === "number" &&
    (s.live === null || s.live?.path === "live")
  );
}

/** A stored RunSummary as the pages show it. */
export function viewOfRunSummary(s: RunSummary, runId: number): SummaryView {
  return {
    source: "stored",
    runId,
    modelVersion: s.modelVersion,
    window: s.window,
    dataWindow: s.dataWindow,
    coverage: s.coverage,
    events: s.events,
    warnings: s.warnings,
    shadow: {
      overall: s.shadow.overall,
      byStrategy: s.shadow.byStrategy,
      byCoin: s.shadow.byCoin,
      byBucket: s.shadow.byBucket,
      byMonth: s.shadow.byMonth,
      curve: s.shadow.curve,
    },
    live: s.live && {
      overall: s.live.overall,
      byStrategy: s.live.byStrategy,
      byCoin: s.live.byCoin,
      byBucket: s.live.byBucket,
      byMonth: s.live.byMonth,
      equity: s.live.equity,
      rejections: s.live.rejections,
      promotedBuckets: s.live.promotedBuckets,
      note: s.live.note,
    },
  };
}

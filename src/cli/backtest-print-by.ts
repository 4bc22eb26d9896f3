/**
 * `--by coin,strategy,bucket`: a sweep's or walk-forward's rows per strategy, coin or bucket, not only
 * overall — one table per dimension, on the ranked path, in R (a live row is the live account's trades
 * in R, so both paths read the same columns).
 */
import { UsageError } from "../core/errors.ts";
import { count, day, num, signed, table, withCi } from "../report/text-format.ts";
import type { JobBreakdown, JobResult } from "../sim/job.ts";
import type { WalkForwardWindow } from "../sim/walk-forward.ts";

export type ByDimension = keyof JobBreakdown;
const DIMENSIONS: readonly ByDimension[] = ["coin", "strategy", "bucket"];

/** Parses --by (comma-separated coin, strategy, bucket); exit 2 naming an unknown one. */
export function parseBy(raw: string | undefined): ByDimension[] {
  if (!raw) return [];
  const out = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const d of out)
    if (!(DIMENSIONS as readonly string[]).includes(d))
      throw new UsageError(`--by ${d}: expected a comma-separated list of ${DIMENSIONS.join(", ")}`);
  return [...new Set(out)] as ByDimension[];
}

const HEADERS = ["trades", "total R", "mean R [95% CI]", "R-Sharpe/trade", "R/day", "PF", "win %"];

function cells(r: JobResult["by"]["shadow"]["coin"][string]): string[] {
  return [
    count(r.trades),
    signed(r.totalR, 1),
    withCi(r.meanR),
    num(r.rSharpePerTrade, 3),
    num(r.rPerDay, 3),
    num(r.profitFactor),
    r.winRate === null ? "–" : `${num(r.winRate * 100, 1)}%`,
  ];
}

function breakdown(r: JobResult): JobBreakdown {
  return r.rankedOn === "live" && r.by.live ? r.by.live : r.by.shadow;
}

function groupRows(prefix: string[], b: JobBreakdown, dim: ByDimension): string[][] {
  return Object.entries(b[dim])
    .sort((x, y) => y[1].totalR - x[1].totalR || x[0].localeCompare(y[0]))
    .map(([k, row]) => [...prefix, k, ...cells(row)]);
}

/** One table per dimension: every combination (in the order given, best first) × its groups. */
export function printSweepBy(ranked: readonly JobResult[], dims: readonly ByDimension[]): void {
  if (!ranked.length) return;
  const path = ranked[0]!.rankedOn;
  for (const dim of dims) {
    const rows = ranked.flatMap((r, i) => groupRows([String(i + 1), r.label], breakdown(r), dim));
    console.log(
      `\nper ${dim}, ${path} path in R (rows of each combination by total R)\n${table(["#", "params", dim, ...HEADERS], rows)}`,
    );
  }
}

/** One table per dimension: every test window × its groups (out of sample). */
export function printWalkForwardBy(w: readonly WalkForwardWindow[], dims: readonly ByDimension[]): void {
  if (!w.length) return;
  const path = w[0]!.test.rankedOn;
  for (const dim of dims) {
    const rows = w.flatMap((x) =>
      groupRows([`${day(x.testFrom)} → ${day(x.testTo)}`, x.chosen], breakdown(x.test), dim),
    );
    console.log(
      `\nper ${dim}, test windows, ${path} path in R\n${table(["test window", "chosen", dim, ...HEADERS], rows)}`,
    );
  }
}

/**
 * Walk-forward analysis: rolling train/test windows. On each train window every grid combination is
 * backtested and the best is chosen (see `rankFigure`: the shadow path's mean R, or the live account's
 * Sharpe when ranking on live, with a minimum number of trades); that choice alone is then run on the
 * following test window — an out-of-sample record of how the selection would have done. Without a
 * grid the base config is evaluated on the test windows (a stability check). walk-forward-summary.ts
 * concatenates the test windows into one out-of-sample record and measures how stable the choice was.
 */

import type { Config } from "../config/schema.ts";
import { DAY_MS } from "../core/clock.ts";
import { weightedMoments } from "../mining/moments.ts";
import type { BacktestJob, JobResult } from "./job.ts";
import { runJobs } from "./job-pool.ts";

export interface GridPoint {
  label: string;
  config: Config;
  /** The swept keys' values (empty for the base config). */
  params?: Record<string, unknown>;
}

export interface WalkForwardWindow {
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
  chosen: string;
  chosenParams: Record<string, unknown>;
  train: JobResult | null;
  /** Variance across the grid's combinations of their train daily-R Sharpe (the DSR's V); null without a grid. */
  trainSrVariance: number | null;
  test: JobResult;
}

export type JobTemplate = Omit<BacktestJob, "id" | "label" | "config" | "from" | "to">;

export function windows(from: number, to: number, trainDays: number, testDays: number) {
  const out: { trainFrom: number; trainTo: number; testFrom: number; testTo: number }[] = [];
  for (let s = from; s + (trainDays + testDays) * DAY_MS <= to; s += testDays * DAY_MS) {
    const trainTo = s + trainDays * DAY_MS;
    out.push({ trainFrom: s, trainTo, testFrom: trainTo, testTo: trainTo + testDays * DAY_MS });
  }
  return out;
}

/** What a job is ranked by, in words (table headers say it). */
export function rankLabel(on: "shadow" | "live"): string {
  return on === "live"
    ? "live account Sharpe (daily returns of the compounding equity; a ruined account ranks last)"
    : "shadow mean R per trade (the research sample; net of costs)";
}

/**
 * The figure a job is ranked by: the shadow path's mean R, or the live account's Sharpe (−∞ when the
 * account was ruined); null when it has fewer than `minTrades` trades or the figure is undefined.
 */
export function rankFigure(r: JobResult, minTrades: number): number | null {
  if (r.rankedOn === "live") {
    const l = r.live;
    if (!l || l.trades < minTrades) return null;
    if (l.ruin) return Number.NEGATIVE_INFINITY;
    return l.sharpe;
  }
  if (r.shadow.trades < minTrades) return null;
  return r.shadow.meanR?.value ?? null;
}

/** Best by the ranking figure among points with at least `minTrades` trades; ties keep the earlier point. */
export function selectBest(results: JobResult[], minTrades: number): JobResult | null {
  let best: JobResult | null = null;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const r of results) {
    const v = rankFigure(r, minTrades);
    if (v === null) continue;
    if (!best || v > bestValue) {
      best = r;
      bestValue = v;
    }
  }
  return best;
}

export async function walkForward(
  template: JobTemplate,
  base: GridPoint,
  grid: GridPoint[],
  span: { from: number; to: number; trainDays: number; testDays: number; minTrades: number },
  onDone?: (done: number, total: number) => void,
): Promise<WalkForwardWindow[]> {
  const wins = windows(span.from, span.to, span.trainDays, span.testDays);
  let id = 0;
  const trainJobs: BacktestJob[] = grid.length
    ? wins.flatMap((w) =>
        grid.map((g) => ({
          ...template,
          id: id++,
          label: g.label,
          config: g.config,
          from: w.trainFrom,
          to: w.trainTo,
        })),
      )
    : [];
  const train = trainJobs.length ? await runJobs(trainJobs, { onDone }) : [];
  const chosen = wins.map((_, i) => {
    const results = train.slice(i * grid.length, (i + 1) * grid.length);
    const best = selectBest(results, span.minTrades);
    return {
      point: best ? grid[results.indexOf(best)]! : base,
      train: best,
      srVariance: srVariance(results),
    };
  });
  const testJobs = wins.map((w, i) => ({
    ...template,
    id: id++,
    label: chosen[i]!.point.label,
    config: chosen[i]!.point.config,
    from: w.testFrom,
    to: w.testTo,
  }));
  const test = await runJobs(testJobs, { onDone });
  return wins.map((w, i) => ({
    ...w,
    chosen: chosen[i]!.point.label,
    chosenParams: chosen[i]!.point.params ?? {},
    train: chosen[i]!.train,
    trainSrVariance: grid.length ? chosen[i]!.srVariance : null,
    test: test[i]!,
  }));
}

/** Sample variance of the combinations' per-day Sharpe (those with spread); null with fewer than 2. */
function srVariance(results: readonly JobResult[]): number | null {
  const srs = results.flatMap((r) => {
    const m = weightedMoments(r.dailyR);
    return r.dailyR.length >= 2 && m.sd > 0 ? [m.mean / m.sd] : [];
  });
  if (srs.length < 2) return null;
  const mu = srs.reduce((a, b) => a + b, 0) / srs.length;
  return srs.reduce((a, b) => a + (b - mu) ** 2, 0) / (srs.length - 1);
}

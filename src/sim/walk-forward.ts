/**
 * Walk-forward analysis: rolling train/test windows. On each train window every grid combination is
 * backtested and the best (by average R, with a minimum number of trades) is chosen; that choice alone
 * is then run on the following test window — an out-of-sample record of how the selection would have
 * done. Without a grid the base config is evaluated on the test windows (a stability check).
 */

import type { Config } from "../config/schema.ts";
import { DAY_MS } from "../core/clock.ts";
import type { BacktestJob, JobResult } from "./job.ts";
import { runJobs } from "./job-pool.ts";

export interface GridPoint {
  label: string;
  config: Config;
}

export interface WalkForwardWindow {
  trainFrom: number;
  trainTo: number;
  testFrom: number;
  testTo: number;
  chosen: string;
  train: JobResult | null;
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

/** Best by average R among points with at least `minTrades` trades; ties keep the earlier point. */
export function selectBest(results: JobResult[], minTrades: number): JobResult | null {
  let best: JobResult | null = null;
  for (const r of results) {
    if (r.overall.trades < minTrades || r.overall.avgR === null) continue;
    if (!best || r.overall.avgR > best.overall.avgR!) best = r;
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
    return { point: best ? grid[results.indexOf(best)]! : base, train: best };
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
    train: chosen[i]!.train,
    test: test[i]!,
  }));
}

/**
 * The out-of-sample record of a walk-forward run: its test windows are contiguous and do not overlap,
 * so their ranked-path results concatenate into one track record — trades, total and mean R, and the
 * Deflated Sharpe of the concatenated daily net R. The DSR charges the record for the grid it was
 * chosen from: N = the combinations tried per train window, V = the mean over windows of the
 * variance of the combinations' train daily-R Sharpe (without a grid N = 1 and the DSR is the PSR).
 * And the stability of the choice: per swept key, the value chosen in each window, how often the
 * most common one was chosen and how many times the choice changed between consecutive windows.
 */
import { weightedMoments as moments } from "../mining/moments.ts";
import { deflatedSharpe, expectedMaxSharpe, psr } from "../mining/sharpe.ts";
import type { WalkForwardWindow } from "./walk-forward.ts";

export interface OutOfSample {
  path: "shadow" | "live";
  windows: number;
  days: number;
  trades: number;
  totalR: number;
  /** Total R / trades; null without trades. */
  meanR: number | null;
  /** Per-day Sharpe of the concatenated daily net R (0 without spread). */
  dailySharpe: number;
  psr: number | null;
  dsr: number | null;
  /** N and V the DSR was computed with, and the SR0 they imply. */
  trials: number;
  srVariance: number;
  expectedMaxSr: number;
}

export interface ParamStability {
  key: string;
  /** The value chosen in each window, oldest first (JSON text; "(base)" where the base was kept). */
  chosen: string[];
  modal: string;
  /** Windows that chose the modal value / windows. */
  modalShare: number;
  distinct: number;
  /** Times the choice differs from the previous window's. */
  changes: number;
}

export interface WalkForwardSummary {
  oos: OutOfSample;
  stability: ParamStability[];
}

export function walkForwardSummary(w: readonly WalkForwardWindow[], gridSize: number): WalkForwardSummary {
  const path = w[0]?.test.rankedOn ?? "shadow";
  const daily = w.flatMap((x) => x.test.dailyR);
  let trades = 0;
  let totalR = 0;
  for (const x of w) {
    const s = path === "live" ? x.test.live : x.test.shadow;
    trades += s?.trades ?? 0;
    totalR += s?.totalR ?? 0;
  }
  const m = moments(daily);
  const spread = daily.length >= 2 && m.sd > 0;
  const sr = spread ? m.mean / m.sd : 0;
  const vs = w.map((x) => x.trainSrVariance).filter((v): v is number => v !== null);
  const srVariance = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : 0;
  const trials = Math.max(1, gridSize);
  const oos: OutOfSample = {
    path,
    windows: w.length,
    days: daily.length,
    trades,
    totalR,
    meanR: trades > 0 ? totalR / trades : null,
    dailySharpe: sr,
    psr: spread ? psr(sr, daily.length, m.skew, m.kurtosis) : null,
    dsr: spread ? deflatedSharpe(sr, daily.length, m.skew, m.kurtosis, trials, srVariance) : null,
    trials,
    srVariance,
    expectedMaxSr: expectedMaxSharpe(trials, srVariance),
  };
  const keys = [...new Set(w.flatMap((x) => Object.keys(x.chosenParams)))];
  const stability = keys.map((key) => {
    const chosen = w.map((x) => (key in x.chosenParams ? JSON.stringify(x.chosenParams[key]) : "(base)"));
    const counts = new Map<string, number>();
    for (const c of chosen) counts.set(c, (counts.get(c) ?? 0) + 1);
    let modal = chosen[0] ?? "";
    for (const [v, n] of counts) if (n > (counts.get(modal) ?? 0)) modal = v;
    let changes = 0;
    for (let i = 1; i < chosen.length; i++) if (chosen[i] !== chosen[i - 1]) changes++;
    return {
      key,
      chosen,
      modal,
      modalShare: chosen.length ? (counts.get(modal) ?? 0) / chosen.length : 0,
      distinct: counts.size,
      changes,
    };
  });
  return { oos, stability };
}

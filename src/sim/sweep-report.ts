/**
 * What a finished sweep says about itself, beyond its table: whether its rows all came out equal (the
 * swept keys changed nothing), and its best combination charged for the search — the Deflated Sharpe
 * with trials = the combinations actually run, and the sweep's PBO by CSCV with S blocks — computed by
 * src/mining/sweep-selection.ts on each combination's daily net R of the ranked path over the sweep's
 * common calendar (docs/overfitting.md). Pure: the same results give the same report.
 */
import { DAY_MS } from "../core/clock.ts";
import { DEFAULT_PBO_BLOCKS, type PboResult } from "../mining/pbo.ts";
import { type SweepSelection, sweepSelection } from "../mining/sweep-selection.ts";
import type { JobResult } from "./job.ts";

/** PBO without its per-split arrays (12,870 entries each at S = 16): what is printed and stored. */
export type PboFigures = Omit<PboResult, "logits" | "chosen" | "oosRank" | "isMetric" | "oosMetric">;
export type SweepFigures = Omit<SweepSelection, "pbo"> & { pbo: PboFigures | null };

export interface SweepReport {
  combinations: number;
  /** Every combination produced the same figures, rows and daily R. */
  allEqual: boolean;
  /** The sentence printed when allEqual, else null. */
  allEqualNote: string | null;
  /** DSR, PBO, MinBTL, Holm/BH of the best by the Sharpe of daily net R; null with one combination. */
  selection: SweepFigures | null;
  /** What the selection is computed on, in words. */
  basis: string;
}

const YEAR_MS = 365.25 * DAY_MS;

/** The figures that must differ for two combinations to be different (not label or model tag). */
const fingerprint = (r: JobResult) => JSON.stringify([r.shadow, r.live, r.by, r.dailyR, r.liveEvents]);

export function sweepReport(
  results: readonly JobResult[],
  window: { from: number; to: number },
  blocks = DEFAULT_PBO_BLOCKS,
): SweepReport {
  const on = results[0]?.rankedOn ?? "shadow";
  const basis = `${on} path's net R per UTC day (0 on days without a close), ${results[0]?.dailyR.length ?? 0} days; best = highest Sharpe of that series (the table ranks by ${on === "live" ? "the live account's Sharpe" : "mean R per trade"})`;
  const first = results[0] ? fingerprint(results[0]) : "";
  const allEqual = results.length > 1 && results.every((r) => fingerprint(r) === first);
  const allEqualNote = allEqual
    ? `all ${results.length} combinations produced identical results: the swept keys changed nothing in this window and mode — the sweep selected nothing`
    : null;
  const full =
    results.length > 1
      ? sweepSelection(
          results.map((r) => ({ label: r.label, series: r.dailyR })),
          { years: Math.max(1 / 365.25, (window.to - window.from) / YEAR_MS), blocks },
        )
      : null;
  const selection = full ? { ...full, pbo: full.pbo ? pboFigures(full.pbo) : null } : null;
  return { combinations: results.length, allEqual, allEqualNote, selection, basis };
}

function pboFigures(p: PboResult): PboFigures {
  const { logits: _l, chosen: _c, oosRank: _o, isMetric: _i, oosMetric: _m, ...rest } = p;
  return rest;
}

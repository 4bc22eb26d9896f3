/**
 * What a sweep's "best combination" is worth once the search is charged for (docs/overfitting.md). Given
 * each combination's observations — daily net R on the sweep's common calendar (0 on days without
 * trades), or per-trade net R — it reports the best combination by the chosen metric with:
 *   - its Deflated Sharpe (Bailey & López de Prado 2014): PSR against SR0 = √V·E[max_N̂], V = variance
 *     of the combinations' SRs, N̂ = ρ̄ + (1 − ρ̄)·M with M = combinations actually run (plus any prior
 *     trials) and ρ̄ their average pairwise correlation (docs/promotion-gate.md §2);
 *   - the sweep's PBO by CSCV (pbo.ts), selecting by the same metric, when the series are time-aligned;
 *   - MinBTL for its annualised SR at N̂ trials (minbtl.ts), against the years the sample covers;
 *   - Holm (FWER) and BH (FDR) across all combinations' one-sided p = 1 − Φ(PSR z) (fwer.ts, fdr.ts);
 *   - a one-line verdict a trader reads (sweep-verdict.ts) and the assumptions behind the numbers.
 * Pure and deterministic: the same input gives the same report, bit for bit.
 */
import { averagePairwiseCorrelation } from "./daily.ts";
import { fdrAdjust } from "./fdr.ts";
import { fwerAdjust } from "./fwer.ts";
import { type MinBtl, minBacktestLength } from "./minbtl.ts";
import { weightedMoments } from "./moments.ts";
import { normCdf } from "./normal.ts";
import {
  checkPboBlocks,
  DEFAULT_PBO_BLOCKS,
  minPboRows,
  type PboMetric,
  type PboResult,
  pboCscv,
} from "./pbo.ts";
import { effectiveTrials, expectedMaxSharpe, psr, psrZ } from "./sharpe.ts";
import { StatsInputError } from "./stats-input-error.ts";
import { sweepAssumptions, sweepVerdict } from "./sweep-verdict.ts";

export interface SweepCombination {
  /** The sweep's name for it, e.g. "score_min=0.6 atr_mult=2". */
  label: string;
  /** Observations in time order. */
  series: ArrayLike<number>;
}

export interface SweepSelectionOptions {
  /** Calendar years the series cover (each series' observations per year = its length / years). */
  years: number;
  /** Metric that picks the best, and PBO's metric. Default "sharpe". */
  selectBy?: PboMetric;
  /** PBO's S. Default 16; PBO is skipped with a reason when the series are too short for it. */
  blocks?: number;
  /** Level of Holm and BH. Default 0.05. */
  alpha?: number;
  /** DSR at or above this is "significant". Default 0.95 (the gate's). */
  dsrLevel?: number;
  /** Variants tried earlier on the same data, added to M (docs/promotion-gate.md §3). Default 0. */
  priorTrials?: number;
}

export interface CombinationStats {
  index: number;
  label: string;
  n: number;
  mean: number;
  sd: number;
  skew: number;
  kurtosis: number;
  /** Per-observation SR; 0 when the series has no spread (e.g. never traded). */
  sr: number;
  /** PSR z with skew and kurtosis; NaN without spread. */
  z: number;
  /** One-sided p of H0: SR ≤ 0; 1 without spread. */
  p: number;
  holmP: number;
  bhQ: number;
}

export interface SweepBest extends CombinationStats {
  annualSr: number;
  /** PSR(0), and the DSR = PSR(SR0); NaN when the best has no spread. */
  psr: number;
  dsr: number;
  dsrSignificant: boolean;
  holmRejected: boolean;
  bhRejected: boolean;
  minBtl: MinBtl;
}

export interface SweepSelection {
  /** M: combinations run in this sweep; trials = M + priorTrials. */
  combinations: number;
  trials: number;
  distinctSeries: number;
  aligned: boolean;
  rhoBar: number;
  effectiveTrials: number;
  srVariance: number;
  /** SR0 = √V·E[max_N̂]: the SR the best of N̂ zero-skill combinations is expected to show. */
  expectedMaxSr: number;
  years: number;
  selectBy: PboMetric;
  alpha: number;
  dsrLevel: number;
  rows: CombinationStats[];
  best: SweepBest;
  holmRejections: number;
  bhRejections: number;
  pbo: PboResult | null;
  /** Why PBO was not computed, when it was not. */
  pboSkipped: string | null;
  verdict: string;
  assumptions: string[];
}

function combinationStats(index: number, c: SweepCombination): Omit<CombinationStats, "holmP" | "bhQ"> {
  const n = c.series.length;
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(c.series[i]!))
      throw new StatsInputError(`combinations[${index}].series[${i}]`, `is ${c.series[i]}`);
  const m = weightedMoments(c.series);
  const spread = n >= 2 && m.sd > 0;
  const sr = spread ? m.mean / m.sd : 0;
  const z = spread ? psrZ(sr, n, m.skew, m.kurtosis) : Number.NaN;
  return {
    index,
    label: c.label,
    n,
    mean: n > 0 ? m.mean : Number.NaN,
    sd: m.sd,
    skew: m.skew,
    kurtosis: m.kurtosis,
    sr,
    z,
    p: spread ? 1 - normCdf(z) : 1,
  };
}

/** Number of distinct series (exact comparison after a hash of their bits; 0 and −0 are equal). */
export function countDistinct(series: readonly ArrayLike<number>[]): number {
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const groups = new Map<string, ArrayLike<number>[]>();
  let distinct = 0;
  for (const s of series) {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      bits[0] = s[i]! === 0 ? 0 : s[i]!;
      h = Math.imul(h ^ words[0]!, 0x01000193);
      h = Math.imul(h ^ words[1]!, 0x01000193);
    }
    const key = `${s.length}:${h >>> 0}`;
    const group = groups.get(key);
    const same = (o: ArrayLike<number>) => {
      for (let i = 0; i < s.length; i++) if (o[i] !== s[i]) return false;
      return true;
    };
    if (!group) groups.set(key, [s]);
    else if (!group.some(same)) group.push(s);
    else continue;
    distinct++;
  }
  return distinct;
}

function sampleVariance(x: readonly number[]): number {
  if (x.length < 2) return 0;
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return x.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (x.length - 1);
}

function pboFor(
  combos: readonly SweepCombination[],
  aligned: boolean,
  blocks: number,
  metric: PboMetric,
): { pbo: PboResult | null; skipped: string | null } {
  if (combos.length < 2) return { pbo: null, skipped: "one combination: nothing was selected" };
  if (!aligned) return { pbo: null, skipped: "the series are not time-aligned (different lengths)" };
  const t = combos[0]!.series.length;
  const need = minPboRows(blocks, metric);
  if (t < need) return { pbo: null, skipped: `${t} observations are too few for ${blocks} blocks` };
  return {
    pbo: pboCscv(
      combos.map((c) => c.series),
      { blocks, metric },
    ),
    skipped: null,
  };
}

/** The report on a sweep's selection of its best combination. */
export function sweepSelection(
  combos: readonly SweepCombination[],
  options: SweepSelectionOptions,
): SweepSelection {
  const { years } = options;
  const selectBy = options.selectBy ?? "sharpe";
  const blocks = options.blocks ?? DEFAULT_PBO_BLOCKS;
  const alpha = options.alpha ?? 0.05;
  const dsrLevel = options.dsrLevel ?? 0.95;
  const priorTrials = options.priorTrials ?? 0;
  if (combos.length === 0)
    throw new StatsInputError("combinations", "a sweep needs at least one combination");
  if (!(years > 0) || !Number.isFinite(years))
    throw new StatsInputError("years", `must be a positive number, got ${years}`);
  if (!(dsrLevel > 0 && dsrLevel < 1))
    throw new StatsInputError("dsrLevel", `must be in (0, 1), got ${dsrLevel}`);
  if (!Number.isInteger(priorTrials) || priorTrials < 0)
    throw new StatsInputError("priorTrials", `must be a whole number ≥ 0, got ${priorTrials}`);
  checkPboBlocks(blocks);

  const base = combos.map((c, i) => combinationStats(i, c));
  const holm = fwerAdjust(
    base.map((r) => r.p),
    alpha,
    "holm",
  );
  const bh = fdrAdjust(
    base.map((r) => r.p),
    alpha,
    "bh",
  );
  const rows: CombinationStats[] = base.map((r, i) => ({ ...r, holmP: holm.adjusted[i]!, bhQ: bh.q[i]! }));

  // The best: highest metric, the first on ties (as PBO's n*).
  const score = (r: CombinationStats) => (selectBy === "sharpe" ? r.sr : r.n > 0 ? r.mean : -Infinity);
  let bi = 0;
  for (let i = 1; i < rows.length; i++) if (score(rows[i]!) > score(rows[bi]!)) bi = i;
  const b = rows[bi]!;

  const aligned = combos.every((c) => c.series.length === combos[0]!.series.length);
  const M = combos.length;
  const trials = M + priorTrials;
  const rhoBar =
    aligned && M >= 2 ? averagePairwiseCorrelation(combos.map((c) => Float64Array.from(c.series))) : 0;
  const nHat = effectiveTrials(trials, rhoBar);
  const srVariance = sampleVariance(rows.filter((r) => Number.isFinite(r.z)).map((r) => r.sr));
  const sr0 = expectedMaxSharpe(nHat, srVariance);
  const spread = Number.isFinite(b.z);
  const annualSr = b.sr * Math.sqrt(b.n / years);
  const best: SweepBest = {
    ...b,
    annualSr,
    psr: spread ? psr(b.sr, b.n, b.skew, b.kurtosis) : Number.NaN,
    dsr: spread ? psr(b.sr, b.n, b.skew, b.kurtosis, sr0) : Number.NaN,
    dsrSignificant: false,
    holmRejected: holm.rejected[bi]!,
    bhRejected: bh.rejected[bi]!,
    minBtl: minBacktestLength(nHat, annualSr),
  };
  best.dsrSignificant = best.dsr >= dsrLevel;

  const { pbo, skipped } = pboFor(combos, aligned, blocks, selectBy);
  const report: Omit<SweepSelection, "verdict" | "assumptions"> = {
    combinations: M,
    trials,
    distinctSeries: countDistinct(combos.map((c) => c.series)),
    aligned,
    rhoBar,
    effectiveTrials: nHat,
    srVariance,
    expectedMaxSr: sr0,
    years,
    selectBy,
    alpha,
    dsrLevel,
    rows,
    best,
    holmRejections: holm.rejected.filter(Boolean).length,
    bhRejections: bh.rejected.filter(Boolean).length,
    pbo,
    pboSkipped: skipped,
  };
  return { ...report, verdict: sweepVerdict(report), assumptions: sweepAssumptions(report) };
}

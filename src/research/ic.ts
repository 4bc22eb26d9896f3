/**
 * The information coefficient of a feature: Spearman's rank correlation between the feature at the
 * decision and the trade's R, with a percentile confidence interval from the stationary bootstrap of
 * the time-ordered pairs (block-bootstrap.ts; serial dependence of overlapping trades is kept), and
 * the verdict rule of `hlbot research`:
 *   - fewer than `minN` pairs                                → not enough data
 *   - the CI excludes 0                                      → real effect
 *   - the CI covers 0 and is wider than ±`targetHalfWidth`   → not enough data (needed n given)
 *   - the CI covers 0 within ±`targetHalfWidth`              → paper tiger
 * Deterministic given the seed.
 */
import { sfc32, streamSeed } from "../mining/rng.ts";
import { StatsInputError } from "../mining/stats-input-error.ts";
import { meanBlockLength, stationaryIndices } from "./block-bootstrap.ts";
import { requiredSampleSize, spearmanIidSe } from "./sample-size.ts";
import { pearson, ranksOf, spearman, tieGroups } from "./spearman.ts";

export interface IcOptions {
  draws?: number;
  seed?: number;
  confidence?: number;
  /** Names the random stream (the feature), so results do not depend on evaluation order. */
  name?: string;
}

export interface IcResult {
  name: string;
  /** Pairs with both values finite. */
  n: number;
  ic: number;
  ci: [number, number];
  confidence: number;
  /** Standard deviation of the bootstrap ICs. */
  se: number;
  /** (bootstrap SE / iid SE)², at least 1: how much the dependence inflates the variance. */
  designEffect: number;
  draws: number;
  meanBlock: number;
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** IC of `feature` against `r` (same order, oldest decision first); null/NaN pairs are dropped. */
export function informationCoefficient(
  feature: readonly (number | null)[],
  r: readonly number[],
  opts: IcOptions = {},
): IcResult {
  if (feature.length !== r.length)
    throw new StatsInputError("r", `${r.length} values for ${feature.length} features`);
  const confidence = opts.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new StatsInputError("confidence", "must lie in (0, 1)");
  const draws = opts.draws ?? 2000;
  const name = opts.name ?? "ic";
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < r.length; i++) {
    const f = feature[i];
    if (f === null || f === undefined || !Number.isFinite(f) || !Number.isFinite(r[i]!)) continue;
    x.push(f);
    y.push(r[i]!);
  }
  const n = x.length;
  const ic = spearman(x, y);
  const meanBlock = meanBlockLength(n);
  const nan: IcResult = {
    name,
    n,
    ic,
    ci: [Number.NaN, Number.NaN],
    confidence,
    se: Number.NaN,
    designEffect: Number.NaN,
    draws: 0,
    meanBlock,
  };
  if (n < 4 || Number.isNaN(ic)) return nan;
  const rand = sfc32(streamSeed(opts.seed ?? 1, name));
  const idx = new Int32Array(n);
  const gx = tieGroups(x);
  const gy = tieGroups(y);
  const cx = new Float64Array(gx.count);
  const cy = new Float64Array(gy.count);
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  const stats: number[] = [];
  for (let d = 0; d < draws; d++) {
    stationaryIndices(idx, rand, meanBlock);
    ranksOf(idx, gx.group, cx, rx);
    ranksOf(idx, gy.group, cy, ry);
    const s = pearson(rx, ry);
    if (!Number.isNaN(s)) stats.push(s);
  }
  if (stats.length < 2) return nan;
  const sorted = Float64Array.from(stats).sort();
  const mean = stats.reduce((a, v) => a + v, 0) / stats.length;
  const se = Math.sqrt(stats.reduce((a, v) => a + (v - mean) ** 2, 0) / (stats.length - 1));
  const iid = spearmanIidSe(n, ic);
  return {
    name,
    n,
    ic,
    ci: [quantile(sorted, (1 - confidence) / 2), quantile(sorted, (1 + confidence) / 2)],
    confidence,
    se,
    designEffect: iid > 0 ? Math.max(1, (se / iid) ** 2) : 1,
    draws: stats.length,
    meanBlock,
  };
}

export type Verdict = "real effect" | "paper tiger" | "not enough data";

export interface VerdictRule {
  minN: number;
  /** Half-width of the CI below which a CI that covers 0 rules out a relevant IC. */
  targetHalfWidth: number;
}

export const DEFAULT_IC_RULE: VerdictRule = { minN: 30, targetHalfWidth: 0.1 };

export interface IcVerdict {
  verdict: Verdict;
  /** The rule that produced the verdict, in words (printed with it). */
  rule: string;
  /** Pairs needed for a CI of ±targetHalfWidth at the observed IC and dependence (null when met). */
  neededN: number | null;
}

export function icVerdict(res: IcResult, rule: VerdictRule = DEFAULT_IC_RULE): IcVerdict {
  const needed = () =>
    requiredSampleSize({
      halfWidth: rule.targetHalfWidth,
      ic: Number.isFinite(res.ic) ? res.ic : 0,
      confidence: res.confidence,
      designEffect: Number.isFinite(res.designEffect) ? res.designEffect : 1,
    });
  if (res.n < rule.minN || Number.isNaN(res.ci[0])) {
    return {
      verdict: "not enough data",
      rule: `n = ${res.n} < ${rule.minN} pairs`,
      neededN: Math.max(rule.minN, needed()),
    };
  }
  const [lo, hi] = res.ci;
  const pct = Math.round(res.confidence * 100);
  if (lo > 0 || hi < 0)
    return {
      verdict: "real effect",
      rule: `${pct}% CI [${lo.toFixed(3)}, ${hi.toFixed(3)}] excludes 0`,
      neededN: null,
    };
  const half = (hi - lo) / 2;
  if (half > rule.targetHalfWidth)
    return {
      verdict: "not enough data",
      rule: `${pct}% CI covers 0 but its half-width ${half.toFixed(3)} > ${rule.targetHalfWidth}`,
      neededN: needed(),
    };
  return {
    verdict: "paper tiger",
    rule: `${pct}% CI [${lo.toFixed(3)}, ${hi.toFixed(3)}] covers 0 within ±${rule.targetHalfWidth}`,
    neededN: null,
  };
}

/** Results ordered by |IC|, strongest first (NaN last); ties by name. */
export function rankByIc(results: readonly IcResult[]): IcResult[] {
  const key = (r: IcResult) => (Number.isNaN(r.ic) ? -1 : Math.abs(r.ic));
  return [...results].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
}

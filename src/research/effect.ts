/**
 * The verdict of one measured effect in `hlbot research`: a mean R (or a mean paired difference, or a
 * difference of two means) with a percentile interval from the stationary bootstrap of the
 * time-ordered trades (block-bootstrap.ts, the mining gate's scheme, so overlapping trades' dependence
 * is kept), and the rule that turns it into a verdict:
 *   - n < minN                                              → not enough data
 *   - the CI excludes 0                                     → real effect
 *   - the CI covers 0 within ±practical R                   → paper tiger (any effect is too small to matter)
 *   - the CI covers 0 and is wider than ±practical R        → not enough data, with the n needed
 * The n needed scales the sample by (half-width / practical)², the usual 1/√n narrowing.
 * Deterministic given the seed; the stream is named by the effect's label.
 */
import { sfc32, streamSeed } from "../mining/rng.ts";
import { meanBlockLength, stationaryIndices } from "./block-bootstrap.ts";
import type { Verdict } from "./ic.ts";

export interface EffectRule {
  minN: number;
  /** R per trade below which an effect does not matter to a trader. */
  practical: number;
  confidence: number;
  draws: number;
  /** Unit printed in the rule (R per trade unless said otherwise). */
  unit?: string;
}

export const DEFAULT_EFFECT_RULE: EffectRule = { minN: 30, practical: 0.05, confidence: 0.95, draws: 1000 };

export interface Effect {
  label: string;
  /** Sample size (the smaller sample of a difference of two means). */
  n: number;
  /** Mean R per trade (or difference of means), R. */
  estimate: number;
  ci: [number, number];
  verdict: Verdict;
  rule: string;
  /** Trades needed for a CI of ±practical (null when the verdict needs no more). */
  neededN: number | null;
}

const mean = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return x.length ? s / x.length : Number.NaN;
};

/** Bootstrap means of `x` (time order), one per draw. */
function bootMeans(x: readonly number[], seed: number, name: string, draws: number): Float64Array {
  const n = x.length;
  const out = new Float64Array(draws);
  if (n === 0) return out.fill(Number.NaN);
  const rand = sfc32(streamSeed(seed, name));
  const idx = new Int32Array(n);
  const block = meanBlockLength(n);
  for (let d = 0; d < draws; d++) {
    stationaryIndices(idx, rand, block);
    let s = 0;
    for (let i = 0; i < n; i++) s += x[idx[i]!]!;
    out[d] = s / n;
  }
  return out;
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The verdict of an estimate with its interval, on n trades. */
export function judge(
  label: string,
  n: number,
  estimate: number,
  ci: [number, number],
  rule: EffectRule = DEFAULT_EFFECT_RULE,
): Effect {
  const pct = Math.round(rule.confidence * 100);
  const base = { label, n, estimate, ci };
  const fmt = (v: number) => (v >= 0 ? "+" : "") + v.toFixed(3);
  if (n < rule.minN || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) {
    // A small sample's interval still says roughly how many trades a ±practical one needs.
    const half = (ci[1] - ci[0]) / 2;
    const scaled = Number.isFinite(half) && n > 1 ? Math.ceil(n * (half / rule.practical) ** 2) : 0;
    return {
      ...base,
      verdict: "not enough data",
      rule: `n = ${n} < ${rule.minN} trades`,
      neededN: Math.max(rule.minN, scaled),
    };
  }
  const [lo, hi] = ci;
  const unit = rule.unit ?? "R";
  const span = `${pct}% CI [${fmt(lo)}, ${fmt(hi)}]${unit ? ` ${unit}` : ""}`;
  if (lo > 0 || hi < 0) return { ...base, verdict: "real effect", rule: `${span} excludes 0`, neededN: null };
  const half = (hi - lo) / 2;
  if (half <= rule.practical)
    return {
      ...base,
      verdict: "paper tiger",
      rule: `${span} covers 0 within ±${rule.practical}${unit ? ` ${unit}` : ""}`,
      neededN: null,
    };
  return {
    ...base,
    verdict: "not enough data",
    rule: `${span} covers 0 but is wider than ±${rule.practical}${unit ? ` ${unit}` : ""}`,
    neededN: Math.ceil(n * (half / rule.practical) ** 2),
  };
}

/** Mean of `x` (trades or paired differences in time order) with its bootstrap CI and verdict. */
export function meanEffect(
  label: string,
  x: readonly number[],
  seed: number,
  rule: EffectRule = DEFAULT_EFFECT_RULE,
): Effect {
  const boots = bootMeans(x, seed, label, rule.draws).sort();
  const a = (1 - rule.confidence) / 2;
  const ci: [number, number] = x.length
    ? [quantile(boots, a), quantile(boots, 1 - a)]
    : [Number.NaN, Number.NaN];
  return judge(label, x.length, mean(x), ci, rule);
}

/** mean(a) − mean(b) of two samples (each in time order, resampled independently), with its verdict. */
export function diffEffect(
  label: string,
  a: readonly number[],
  b: readonly number[],
  seed: number,
  rule: EffectRule = DEFAULT_EFFECT_RULE,
): Effect {
  const n = Math.min(a.length, b.length);
  if (n === 0) return judge(label, 0, Number.NaN, [Number.NaN, Number.NaN], rule);
  const ba = bootMeans(a, seed, `${label}|a`, rule.draws);
  const bb = bootMeans(b, seed, `${label}|b`, rule.draws);
  const d = new Float64Array(rule.draws);
  for (let i = 0; i < d.length; i++) d[i] = ba[i]! - bb[i]!;
  d.sort();
  const q = (1 - rule.confidence) / 2;
  return judge(label, n, mean(a) - mean(b), [quantile(d, q), quantile(d, 1 - q)], rule);
}

export { mean as meanOf };

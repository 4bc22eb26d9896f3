/**
 * The statistics of one bucket that need only its own sample (docs/promotion-gate.md §6 steps 1–3, 7):
 * n_eff and uniqueness weights, trading days and span, weighted moments, the PSR z and p, the
 * stationary-bootstrap p when daily PnL is autocorrelated, MinTRL, eligibility and the OOS check.
 */
import { DAY_MS } from "../core/clock.ts";
import { stationaryBootstrapP } from "./bootstrap.ts";
import type { BucketSample } from "./bucket-sample.ts";
import { dailySeries, lag1Autocorrelation } from "./daily.ts";
import { mean, weightedMoments } from "./moments.ts";
import { normCdf, normInv } from "./normal.ts";
import { sfc32, streamSeed } from "./rng.ts";
import { minTrackRecord, psrZ } from "./sharpe.ts";
import { averageUniqueness } from "./uniqueness.ts";

export interface BucketRules {
  seed: number;
  min_n_eff: number;
  min_days: number;
  min_span_days: number;
  oos_fraction: number;
  autocorr_threshold: number;
  bootstrap_draws: number;
}

export interface BootstrapStats {
  seed: number;
  draws: number;
  mean_block: number;
  /** Percentile p and its tail count; p below is the bootstrap-SE normal tail when hits < 10. */
  p_percentile: number;
  hits: number;
  /** Bootstrap standard error of the mean daily PnL. */
  se: number;
  p: number;
  /** Φ⁻¹(1 − p). */
  z: number;
}

/** Per-bucket statistics; numbers are null where a sample is too small to define them. */
export interface BucketCore {
  key: string;
  window_from: number | null;
  n_raw: number;
  n_dedup: number;
  n_eff: number;
  days: number;
  span_days: number;
  mean_r: number | null;
  sd_r: number | null;
  skew: number | null;
  kurtosis: number | null;
  sr: number | null;
  z_psr: number | null;
  psr: number | null;
  p_normal: number | null;
  ac1: number;
  bootstrap: BootstrapStats | null;
  /** The p used for the family (bootstrap p when ac1 > threshold). */
  p: number | null;
  /** The z used for DSR and the LIVE gate: min(z_psr, bootstrap z) when the bootstrap applies. */
  z: number | null;
  min_trl: number | null;
  oos_n: number;
  oos_mean: number | null;
  eligible: boolean;
  /** Why the bucket is outside the family (empty when eligible). */
  ineligible: string[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function bucketCore(sample: BucketSample, rules: BucketRules): BucketCore {
  const { x, openedAt, closedAt } = sample;
  const n = x.length;
  const w = averageUniqueness(openedAt, closedAt);
  let nEff = 0;
  for (let i = 0; i < n; i++) nEff += w[i]!;
  // Observations are sorted by exit time, so distinct exit days are counted in one pass.
  let days = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || Math.floor(closedAt[i]! / DAY_MS) !== Math.floor(closedAt[i - 1]! / DAY_MS)) days++;
  }
  let firstOpen = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) if (openedAt[i]! < firstOpen) firstOpen = openedAt[i]!;
  const spanDays = n > 0 ? (closedAt[n - 1]! - firstOpen) / DAY_MS : 0;

  const mom = weightedMoments(x, w);
  const sr = mom.sd > 0 ? mom.mean / mom.sd : Number.NaN;
  const zPsr = nEff > 1 ? psrZ(sr, nEff, mom.skew, mom.kurtosis) : Number.NaN;
  const pNormal = 1 - normCdf(zPsr);

  const ineligible: string[] = [];
  if (!(nEff >= rules.min_n_eff)) ineligible.push("n_eff");
  if (days < rules.min_days) ineligible.push("days");
  if (!(spanDays >= rules.min_span_days)) ineligible.push("span");
  if (!Number.isFinite(zPsr)) ineligible.push("undefined_z");

  let ac1 = 0;
  let bootstrap: BootstrapStats | null = null;
  if (n > 0) {
    const first = Math.floor(closedAt[0]! / DAY_MS);
    const last = Math.floor(closedAt[n - 1]! / DAY_MS);
    const daily = dailySeries(closedAt, x, first, last);
    ac1 = lag1Autocorrelation(daily);
    // Outside the family p is unused. A loser (p ≥ 0.5 and daily PnL ≤ 0) has a bootstrap p ≥ 0.5 too,
    // and no q-value below 0.5 depends on a p above it: the bootstrap would change no decision.
    let total = 0;
    for (let i = 0; i < daily.length; i++) total += daily[i]!;
    const loser = pNormal >= 0.5 && total <= 0;
    if (ac1 > rules.autocorr_threshold && ineligible.length === 0 && !loser) {
      const seed = streamSeed(rules.seed, sample.key);
      const b = stationaryBootstrapP(daily, rules.bootstrap_draws, sfc32(seed));
      bootstrap = {
        seed,
        draws: b.draws,
        mean_block: b.meanBlock,
        p_percentile: b.pPercentile,
        hits: b.hits,
        se: b.se,
        p: b.p,
        z: normInv(1 - b.p),
      };
    }
  }
  const p = bootstrap ? bootstrap.p : pNormal;
  const z = bootstrap ? Math.min(zPsr, bootstrap.z) : zPsr;

  const oosN = Math.ceil(rules.oos_fraction * n);
  const oosMean = mean(x, n - oosN, n);

  return {
    key: sample.key,
    window_from: sample.windowFrom,
    n_raw: sample.nRaw,
    n_dedup: n,
    n_eff: nEff,
    days,
    span_days: spanDays,
    mean_r: finite(mom.mean),
    sd_r: finite(mom.sd),
    skew: finite(mom.skew),
    kurtosis: finite(mom.kurtosis),
    sr: finite(sr),
    z_psr: finite(zPsr),
    psr: finite(normCdf(zPsr)),
    p_normal: finite(pNormal),
    ac1,
    bootstrap,
    p: finite(p),
    z: finite(z),
    min_trl: Number.isFinite(sr) ? finite(minTrackRecord(sr, mom.skew, mom.kurtosis)) : null,
    oos_n: oosN,
    oos_mean: finite(oosMean),
    eligible: ineligible.length === 0,
    ineligible,
  };
}

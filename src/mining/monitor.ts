/**
 * Post-promotion monitoring (docs/promotion-gate.md §6, demotion): a one-sided CUSUM on standardised
 * net R with the mean and sd frozen at promotion, a repeated Wald SPRT of μp against 0, and P(θ > 0)
 * on the post-promotion trades. The state lives in bucket_states.monitor and is updated once per
 * promote run with the trades closed since the previous run.
 */
import * as z from "zod";
import { normCdf } from "./normal.ts";

export const MonitorSchema = z.object({
  /** Data time of the promotion out of SHADOW: trades closed after it are post-promotion. */
  promoted_at: z.number().nullable().default(null),
  /** Post-promotion trades closed at or before this time have been processed. */
  cursor: z.number().nullable().default(null),
  live_at: z.number().nullable().default(null),
  /** μp = θ̂_b and σp = s_b frozen at promotion; k = μp/(2σp); h from the in-control ARL. */
  mu_p: z.number().nullable().default(null),
  sigma_p: z.number().nullable().default(null),
  k: z.number().nullable().default(null),
  h: z.number().nullable().default(null),
  cusum: z.number().default(0),
  llr: z.number().default(0),
  /** Post-promotion trades: count, Σx, Σx². */
  n: z.number().default(0),
  sum: z.number().default(0),
  sumsq: z.number().default(0),
  demoted_at: z.number().nullable().default(null),
  demotions: z.number().int().default(0),
});

export type MonitorState = z.output<typeof MonitorSchema>;

export const EMPTY_MONITOR: MonitorState = MonitorSchema.parse({});

export interface MonitorRules {
  cusum_arl0: number;
  sprt_alpha: number;
  sprt_beta: number;
  demote_min_p_theta: number;
  demote_p_theta_min_trades: number;
}

/** Siegmund's (1985) ARL of a CUSUM whose N(drift, 1) increments have this drift, threshold h. */
export function cusumArl(drift: number, h: number): number {
  const b = h + 1.166;
  if (Math.abs(drift) < 1e-12) return b * b;
  return (Math.exp(-2 * drift * b) + 2 * drift * b - 1) / (2 * drift * drift);
}

/** The h whose in-control ARL (increment drift −k) is arl0. */
export function cusumThreshold(k: number, arl0: number): number {
  let lo = 0;
  let hi = 1;
  while (cusumArl(-k, hi) < arl0 && hi < 1e6) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cusumArl(-k, mid) < arl0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** P(θ > 0) from post-promotion trades (normal approximation with the sample sd). */
export function probabilityPositive(m: MonitorState): number {
  if (m.n < 2) return Number.NaN;
  const mean = m.sum / m.n;
  const variance = (m.sumsq - m.n * mean * mean) / (m.n - 1);
  if (!(variance > 0)) return mean > 0 ? 1 : 0;
  return normCdf(mean / Math.sqrt(variance / m.n));
}

export interface MonitorUpdate {
  monitor: MonitorState;
  alarms: ("alarm_cusum" | "alarm_sprt" | "alarm_p_theta")[];
  p_theta: number;
}

/** Feeds post-promotion trades (oldest first) into the CUSUM and SPRT; `cursor` is their data cutoff. */
export function updateMonitor(
  prev: MonitorState,
  x: readonly number[],
  cursor: number,
  rules: MonitorRules,
): MonitorUpdate {
  const m: MonitorState = { ...prev, cursor };
  const mu = m.mu_p ?? 0;
  const sigma = m.sigma_p && m.sigma_p > 0 ? m.sigma_p : 1;
  const k = m.k ?? 0;
  const h = m.h ?? Number.POSITIVE_INFINITY;
  const upper = Math.log((1 - rules.sprt_beta) / rules.sprt_alpha);
  const lower = Math.log(rules.sprt_beta / (1 - rules.sprt_alpha));
  let cusumAlarm = false;
  let sprtAlarm = false;
  for (const xi of x) {
    m.cusum = Math.max(0, m.cusum - (xi - mu) / sigma - k);
    if (m.cusum > h) cusumAlarm = true;
    m.llr += (-mu / (sigma * sigma)) * (xi - mu / 2);
    if (m.llr >= upper) sprtAlarm = true;
    // Crossing the lower boundary accepts "the edge persists": a new SPRT starts from 0.
    else if (m.llr <= lower) m.llr = 0;
    m.n += 1;
    m.sum += xi;
    m.sumsq += xi * xi;
  }
  const pTheta = probabilityPositive(m);
  const alarms: MonitorUpdate["alarms"] = [];
  if (cusumAlarm) alarms.push("alarm_cusum");
  if (sprtAlarm) alarms.push("alarm_sprt");
  if (m.n >= rules.demote_p_theta_min_trades && pTheta < rules.demote_min_p_theta)
    alarms.push("alarm_p_theta");
  return { monitor: m, alarms, p_theta: pTheta };
}

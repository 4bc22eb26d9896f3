/**
 * The promotion state machine SHADOW → PROBATION → LIVE → (alarm) SHADOW of docs/promotion-gate.md §6,
 * as one pure function of recorded inputs: the bucket's statistics from the mining run, its previous
 * state and monitor, the post-promotion trades since the last run, the data cutoff and the thresholds.
 * Every promotion_audit row stores exactly these inputs, so any decision can be replayed.
 */

import type { MiningConfig } from "../config/sections/mining.ts";
import { DAY_MS } from "../core/clock.ts";
import { cusumThreshold, type MonitorState, updateMonitor } from "./monitor.ts";

export type BucketState = "SHADOW" | "PROBATION" | "LIVE";

/** The thresholds a decision depends on (all from the mining config section). */
export type GateRules = Pick<
  MiningConfig,
  | "probation_max_q"
  | "probation_min_p_edge"
  | "live_min_n_eff"
  | "live_min_dsr"
  | "live_min_z"
  | "live_min_p_edge"
  | "live_min_probation_trades"
  | "cusum_arl0"
  | "sprt_alpha"
  | "sprt_beta"
  | "demote_min_p_theta"
  | "demote_p_theta_min_trades"
  | "cooldown_days"
  | "min_new_trades"
>;

/** The bucket statistics of the mining run that the decision reads. */
export interface GateStats {
  eligible: boolean;
  ineligible: string[];
  window_from: number | null;
  n_dedup: number;
  n_eff: number;
  sd_r: number | null;
  oos_mean: number | null;
  q: number | null;
  z: number | null;
  dsr: number | null;
  theta: number | null;
  p_edge: number | null;
}

export interface DecisionInput {
  prev: { state: BucketState; monitor: MonitorState };
  /** null when the mining run has no trades for this bucket. */
  stats: GateStats | null;
  /** Post-promotion net R (deduplicated, oldest first) closed after monitor.cursor and by data_until. */
  post: number[];
  /** The mining run's data cutoff (ms): the time all of this decision's data is as of. */
  data_until: number;
  rules: GateRules;
}

export interface Decision {
  state: BucketState;
  monitor: MonitorState;
  reasons: string[];
  p_theta: number | null;
}

const ge = (v: number | null, min: number) => v !== null && v >= min;

export function decide(input: DecisionInput): Decision {
  const { prev, stats, rules, data_until: now } = input;
  if (prev.state !== "SHADOW") {
    const upd = updateMonitor(prev.monitor, input.post, now, rules);
    const p_theta = Number.isFinite(upd.p_theta) ? upd.p_theta : null;
    if (upd.alarms.length) {
      const monitor: MonitorState = {
        ...upd.monitor,
        promoted_at: null,
        cursor: null,
        live_at: null,
        demoted_at: now,
        demotions: upd.monitor.demotions + 1,
      };
      return { state: "SHADOW", monitor, reasons: [...upd.alarms], p_theta };
    }
    if (prev.state === "LIVE") return { state: "LIVE", monitor: upd.monitor, reasons: ["hold"], p_theta };
    const reasons: string[] = [];
    if (!stats) reasons.push("not_evaluated");
    else {
      if (!stats.eligible) reasons.push(...stats.ineligible.map((r) => `ineligible_${r}`));
      if (!(stats.n_eff >= rules.live_min_n_eff)) reasons.push("live_n_eff");
      if (!ge(stats.dsr, rules.live_min_dsr)) reasons.push("live_dsr");
      if (!ge(stats.z, rules.live_min_z)) reasons.push("live_z");
      if (!ge(stats.p_edge, rules.live_min_p_edge)) reasons.push("live_p_edge");
    }
    if (upd.monitor.n < rules.live_min_probation_trades) reasons.push("probation_trades");
    else if (!(upd.monitor.sum > 0)) reasons.push("probation_mean");
    if (reasons.length) return { state: "PROBATION", monitor: upd.monitor, reasons, p_theta };
    return { state: "LIVE", monitor: { ...upd.monitor, live_at: now }, reasons: ["promote_live"], p_theta };
  }

  const reasons: string[] = [];
  if (!stats) return { state: "SHADOW", monitor: prev.monitor, reasons: ["not_evaluated"], p_theta: null };
  const demotedAt = prev.monitor.demoted_at;
  if (demotedAt !== null) {
    if (now - demotedAt < rules.cooldown_days * DAY_MS) reasons.push("cooldown");
    if (stats.window_from === null || stats.window_from < demotedAt) reasons.push("stale_window");
    if (stats.n_dedup < rules.min_new_trades) reasons.push("few_new_trades");
  }
  if (!stats.eligible) reasons.push(...stats.ineligible.map((r) => `ineligible_${r}`));
  if (!(stats.oos_mean !== null && stats.oos_mean > 0)) reasons.push("oos_not_positive");
  if (!(stats.q !== null && stats.q <= rules.probation_max_q)) reasons.push("q_above_max");
  if (!ge(stats.p_edge, rules.probation_min_p_edge)) reasons.push("p_edge_below_min");
  if (!(stats.theta !== null && stats.theta > 0 && stats.sd_r !== null && stats.sd_r > 0))
    reasons.push("no_edge");
  if (reasons.length) return { state: "SHADOW", monitor: prev.monitor, reasons, p_theta: null };

  const mu = stats.theta!;
  const sigma = stats.sd_r!;
  const k = mu / sigma / 2;
  const monitor: MonitorState = {
    ...prev.monitor,
    promoted_at: now,
    cursor: now,
    live_at: null,
    mu_p: mu,
    sigma_p: sigma,
    k,
    h: cusumThreshold(k, rules.cusum_arl0),
    cusum: 0,
    llr: 0,
    n: 0,
    sum: 0,
    sumsq: 0,
  };
  return { state: "PROBATION", monitor, reasons: ["promote_probation"], p_theta: null };
}

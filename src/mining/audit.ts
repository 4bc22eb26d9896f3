/**
 * What one promotion_audit row records (docs/promotion-gate.md §6, Audit): run and data identity, the
 * bucket's sample counts and statistics, the complete input of the pure decision function (previous
 * state and monitor incl. CUSUM/SPRT state, post-promotion trades, thresholds) and its output.
 * `replayDecision` recomputes a row's decision from its recorded inputs.
 */
import type { BucketStat } from "./family.ts";
import { type Decision, type DecisionInput, decide, type GateStats } from "./gate.ts";

export interface AuditInputs {
  run: { promote_run_id: string; t: number; code_version: string; config_hash: string; seed: number };
  data: {
    mining_run_id: number;
    model: string;
    source_run_id: number;
    trades_sha256: string;
    data_until: number;
    family_size: number;
    family_sha256: string;
  };
  /** The bucket's statistics from the mining run (null when the run had no trades for it). */
  stats: Partial<BucketStat> | null;
  /** Ids of the trades behind decision_input.post (before setup-key dedup). */
  post_trade_ids: number[];
  decision_input: DecisionInput;
  decision: Decision;
}

/** The statistics the audit keeps (the rest stays in bucket_stats.stats). */
const AUDITED = [
  "window_from",
  "n_raw",
  "n_dedup",
  "n_eff",
  "days",
  "span_days",
  "mean_r",
  "sd_r",
  "skew",
  "kurtosis",
  "sr",
  "z_psr",
  "p_normal",
  "ac1",
  "bootstrap",
  "p",
  "z",
  "q",
  "bh_rank",
  "bh_threshold",
  "family_size",
  "fdr_method",
  "trials_m",
  "rho_bar",
  "n_hat",
  "e_n",
  "dsr",
  "mu0",
  "tau2",
  "shrinkage",
  "theta",
  "theta_var",
  "p_edge",
  "oos_n",
  "oos_mean",
  "eligible",
  "ineligible",
] as const satisfies readonly (keyof BucketStat)[];

export function auditedStats(s: BucketStat): Partial<BucketStat> {
  const out: Record<string, unknown> = {};
  for (const k of AUDITED) out[k] = s[k];
  return out as Partial<BucketStat>;
}

/** The part of a bucket's statistics the state machine reads. */
export function gateStats(s: BucketStat): GateStats {
  return {
    eligible: s.eligible,
    ineligible: s.ineligible,
    window_from: s.window_from,
    n_dedup: s.n_dedup,
    n_eff: s.n_eff,
    sd_r: s.sd_r,
    oos_mean: s.oos_mean,
    q: s.q,
    z: s.z,
    dsr: s.dsr,
    theta: s.theta,
    p_edge: s.p_edge,
  };
}

/** Re-runs the decision of an audit row from its recorded inputs. */
export function replayDecision(inputs: AuditInputs): Decision {
  return decide(inputs.decision_input);
}

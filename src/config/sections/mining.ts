/**
 * The adversarial promotion gate (`hlbot mine` / `hlbot promote`): every threshold of
 * docs/promotion-gate.md §6 as a named default. Units: R per trade, trades, UTC days.
 */
import * as z from "zod";

const probability = z.number().gt(0).lt(1);

export const MiningSection = z.strictObject({
  /** Seed of the stationary bootstrap (recorded with every mining run). */
  seed: z.number().int().min(0).max(4_294_967_295).default(20_240_601),
  /** Eligibility: least effective number of trades (sum of AFML uniqueness) in a bucket. */
  min_n_eff: z.number().positive().default(30),
  /** Eligibility: least distinct UTC days with a closed trade. */
  min_days: z.number().int().min(1).default(10),
  /** Eligibility: least days from the first entry to the last exit. */
  min_span_days: z.number().positive().default(14),
  /** Out-of-sample check: share of the most recent trades whose mean R must be > 0. */
  oos_fraction: probability.default(0.3),
  /** Lag-1 autocorrelation of daily bucket PnL above which the stationary-bootstrap p is used. */
  autocorr_threshold: z.number().min(-1).max(1).default(0.1),
  /**
   * Stationary-bootstrap draws. Below its resolution (fewer than 10 draws in the tail) the p comes from
   * the normal tail with the bootstrap standard error, so more draws buy precision, not smaller p.
   */
  bootstrap_draws: z.number().int().min(99).max(1_000_000).default(1_999),
  /** False-discovery control over the family: bh (buckets partition the trades) or by (any dependence). */
  fdr_method: z.enum(["bh", "by"]).default("bh"),
  /** c: the smallest edge worth trading, R per trade; P_b = P(θ_b > c). */
  min_edge_r: z.number().min(0).default(0.05),
  /** SHADOW → PROBATION: largest BH/BY q. */
  probation_max_q: probability.default(0.1),
  /** SHADOW → PROBATION: least P_b. */
  probation_min_p_edge: probability.default(0.9),
  /** PROBATION → LIVE: least n_eff. */
  live_min_n_eff: z.number().positive().default(100),
  /** PROBATION → LIVE: least deflated Sharpe ratio. */
  live_min_dsr: probability.default(0.95),
  /** PROBATION → LIVE: least z (DSR alone implies z ≥ 3 only when N ≥ 7). */
  live_min_z: z.number().default(3),
  /** PROBATION → LIVE: least P_b. */
  live_min_p_edge: probability.default(0.95),
  /** PROBATION → LIVE: least post-promotion trades (their mean R must be > 0). */
  live_min_probation_trades: z.number().int().min(1).default(30),
  /** Demotion CUSUM: in-control average run length (trades) that sets the threshold h. */
  cusum_arl0: z.number().min(10).default(500),
  /** Demotion SPRT of μp against 0: type I error (demoting a bucket that kept its edge). */
  sprt_alpha: probability.default(0.05),
  /** Demotion SPRT: type II error (keeping a bucket whose edge is gone). */
  sprt_beta: probability.default(0.05),
  /** Demote when P(θ > 0) on post-promotion trades falls below this ... */
  demote_min_p_theta: probability.default(0.5),
  /** ... once at least this many post-promotion trades exist. */
  demote_p_theta_min_trades: z.number().int().min(2).default(30),
  /** Hysteresis: days after a demotion before the bucket may be promoted again. */
  cooldown_days: z.number().min(0).default(10),
  /** Hysteresis: least post-demotion trades before re-promotion (judged on those trades only). */
  min_new_trades: z.number().int().min(0).default(30),
});

export type MiningConfig = z.output<typeof MiningSection>;

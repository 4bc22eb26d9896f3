/**
 * The family-level steps of the gate (docs/promotion-gate.md §6 steps 4–6): every eligible bucket,
 * losers included, joins one family F for BH/BY q-values; buckets are shrunk toward their strategy's
 * mean (empirical Bayes, P_b = P(θ_b > c)); and each z is deflated by the expected maximum of N̂ null
 * trials, N counting every bucket of the strategy ever evaluated in the ledger.
 */
import { parseBucketKey } from "../core/bucket.ts";
import { DAY_MS } from "../core/clock.ts";
import type { BucketSample } from "./bucket-sample.ts";
import { type BucketCore, type BucketRules, bucketCore } from "./bucket-stats.ts";
import { averagePairwiseCorrelation, dailySeries } from "./daily.ts";
import { type FdrMethod, fdrAdjust } from "./fdr.ts";
import { deflatedZ, effectiveTrials, expectedMaxZ } from "./sharpe.ts";
import { estimatePrior, probabilityAbove, shrink } from "./shrinkage.ts";

export interface FamilyRules {
  fdr_method: FdrMethod;
  /** The FDR level the recorded BH thresholds refer to (probation_max_q). */
  probation_max_q: number;
  min_edge_r: number;
}

export interface StrategyTrials {
  /** Distinct buckets of the strategy ever evaluated (ledger history ∪ this run). */
  m: number;
  rho_bar: number;
  n_hat: number;
  e_n: number;
  /** Empirical-Bayes prior of the strategy (null with fewer than two eligible buckets). */
  prior_k: number;
  mu0: number | null;
  tau2: number | null;
  mu0_var: number | null;
}

export interface BucketStat extends BucketCore {
  strategy: string;
  side: string;
  session: string;
  regime: string;
  vol_bucket: string;
  family_size: number;
  fdr_method: FdrMethod;
  q: number | null;
  bh_rank: number | null;
  bh_threshold: number | null;
  trials_m: number;
  rho_bar: number;
  n_hat: number;
  e_n: number;
  dsr: number | null;
  mu0: number | null;
  tau2: number | null;
  shrinkage: number | null;
  theta: number | null;
  theta_var: number | null;
  p_edge: number | null;
}

export interface FamilyResult {
  buckets: BucketStat[];
  /** Keys of the family F (eligible buckets), sorted. */
  family: string[];
  trials: Record<string, StrategyTrials>;
}

export function evaluateFamily(
  samples: readonly BucketSample[],
  rawCores: readonly BucketCore[],
  history: ReadonlyMap<string, ReadonlySet<string>>,
  rules: FamilyRules,
): FamilyResult {
  const strategyOf = (key: string) => key.split("|")[0]!;
  // A key the live file could not carry (bad side or regime) never joins the family.
  const cores = rawCores.map((c) =>
    parseBucketKey(c.key) ? c : { ...c, eligible: false, ineligible: [...c.ineligible, "invalid_key"] },
  );
  const familyIdx = cores.flatMap((c, i) => (c.eligible ? [i] : []));
  const fdr = fdrAdjust(
    familyIdx.map((i) => cores[i]!.p!),
    rules.probation_max_q,
    rules.fdr_method,
  );
  const fdrAt = new Map(familyIdx.map((i, j) => [i, j]));

  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const i of familyIdx) {
    const s = samples[i]!;
    firstDay = Math.min(firstDay, Math.floor(s.closedAt[0]! / DAY_MS));
    lastDay = Math.max(lastDay, Math.floor(s.closedAt[s.closedAt.length - 1]! / DAY_MS));
  }

  const trials: Record<string, StrategyTrials> = {};
  for (const strategy of new Set(cores.map((c) => strategyOf(c.key)))) {
    const members = familyIdx.filter((i) => strategyOf(cores[i]!.key) === strategy);
    const seen = new Set(history.get(strategy) ?? []);
    for (const i of members) seen.add(cores[i]!.key);
    const rho = averagePairwiseCorrelation(
      members.map((i) => dailySeries(samples[i]!.closedAt, samples[i]!.x, firstDay, lastDay)),
    );
    const nHat = effectiveTrials(seen.size, rho);
    const prior = estimatePrior(
      members.map((i) => cores[i]!.mean_r!),
      members.map((i) => cores[i]!.sd_r! ** 2 / cores[i]!.n_eff),
    );
    trials[strategy] = {
      m: seen.size,
      rho_bar: rho,
      n_hat: nHat,
      e_n: expectedMaxZ(nHat),
      prior_k: members.length,
      mu0: prior?.mu0 ?? null,
      tau2: prior?.tau2 ?? null,
      mu0_var: prior?.mu0Variance ?? null,
    };
  }

  const buckets = cores.map((core, i): BucketStat => {
    const [strategy = "", side = "", session = "", regime = "", vol_bucket = ""] = core.key.split("|");
    const t = trials[strategy]!;
    const j = fdrAt.get(i);
    const defined = core.mean_r !== null && core.sd_r !== null && core.n_eff > 0;
    const prior =
      t.mu0 === null ? null : { k: t.prior_k, mu0: t.mu0, tau2: t.tau2!, mu0Variance: t.mu0_var! };
    const s = defined ? shrink(core.mean_r!, core.sd_r! ** 2 / core.n_eff, prior) : null;
    return {
      ...core,
      strategy,
      side,
      session,
      regime,
      vol_bucket,
      family_size: familyIdx.length,
      fdr_method: rules.fdr_method,
      q: j === undefined ? null : fdr.q[j]!,
      bh_rank: j === undefined ? null : fdr.rank[j]!,
      bh_threshold: j === undefined ? null : fdr.threshold[j]!,
      trials_m: t.m,
      rho_bar: t.rho_bar,
      n_hat: t.n_hat,
      e_n: t.e_n,
      dsr: core.z === null ? null : deflatedZ(core.z, t.n_hat),
      mu0: t.mu0,
      tau2: t.tau2,
      shrinkage: s ? s.shrinkage : null,
      theta: s ? s.theta : null,
      theta_var: s ? s.variance : null,
      p_edge: s ? probabilityAbove(s, rules.min_edge_r) : null,
    };
  });
  return { buckets, family: familyIdx.map((i) => cores[i]!.key).sort(), trials };
}

/** Per-bucket statistics then the family steps: the whole statistical side of one mining run. */
export function evaluateSamples(
  samples: readonly BucketSample[],
  history: ReadonlyMap<string, ReadonlySet<string>>,
  rules: BucketRules & FamilyRules,
): FamilyResult {
  return evaluateFamily(
    samples,
    samples.map((s) => bucketCore(s, rules)),
    history,
    rules,
  );
}

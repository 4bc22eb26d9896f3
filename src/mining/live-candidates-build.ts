/**
 * Builds the content of live_candidates.json from the bucket states after a promote run: every bucket
 * in PROBATION (at the configured reduced size) or LIVE (full size), with provenance (mining run,
 * promote run, model version, time) and the statistics that put it there.
 */
import { parseBucketKey } from "../core/bucket.ts";
import type { LiveCandidate, LiveCandidatesFile } from "../core/live-candidates.ts";
import type { BucketStateRow } from "../ledger/repos/bucket-states.ts";
import type { MiningRunRow } from "../ledger/repos/mining-runs.ts";
import type { BucketStat } from "./family.ts";

const num = (v: number | null | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

export function buildLiveCandidates(
  states: ReadonlyMap<string, BucketStateRow>,
  stats: ReadonlyMap<string, BucketStat>,
  run: MiningRunRow,
  promoteRunId: string,
  t: number,
  probationSizeMultiplier: number,
): LiveCandidatesFile {
  const buckets: LiveCandidate[] = [];
  for (const s of [...states.values()].sort((a, b) => a.bucket_key.localeCompare(b.bucket_key))) {
    if (s.state === "SHADOW") continue;
    const b = parseBucketKey(s.bucket_key);
    if (!b) continue; // unreachable: such keys are never eligible (see family.ts)
    const st = stats.get(s.bucket_key);
    buckets.push({
      key: s.bucket_key,
      ...b,
      state: s.state,
      size_multiplier: s.state === "PROBATION" ? probationSizeMultiplier : 1,
      since: new Date(s.since).toISOString(),
      stats: {
        n_eff: num(st?.n_eff),
        mean_r: num(st?.mean_r),
        theta: num(st?.theta),
        z: num(st?.z),
        q: num(st?.q),
        p_edge: num(st?.p_edge),
        dsr: num(st?.dsr),
        oos_mean: num(st?.oos_mean),
        mu_p: num(s.monitor.mu_p),
        cusum: num(s.monitor.cusum),
        cusum_h: num(s.monitor.h),
        post_trades: num(s.monitor.n),
      },
    });
  }
  return {
    version: 1,
    generated_at: new Date(t).toISOString(),
    mining_run_id: run.id,
    promote_run_id: promoteRunId,
    sim_model_version: run.sim_model_version,
    buckets,
  };
}

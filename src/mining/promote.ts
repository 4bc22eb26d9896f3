/**
 * One `hlbot promote` run: takes the newest mining run (or the one asked for), decides every bucket of
 * it plus every bucket in PROBATION/LIVE with the pure state machine, then — unless dry-run — writes
 * the new states, one audit row per bucket and live_candidates.json together: the file is staged
 * (temp + fsync) first and renamed inside the ledger transaction, so a failure leaves both the ledger
 * and the previous file untouched. A mining run is applied at most once: re-running changes nothing.
 * A mining run of an unfinished backtest run (mined before mine refused them) is refused.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import type { LiveCandidatesFile } from "../core/live-candidates.ts";
import { type BucketStateRow, BucketStatesRepo } from "../ledger/repos/bucket-states.ts";
import { BucketStatsRepo } from "../ledger/repos/bucket-stats.ts";
import { type MiningRunRow, MiningRunsRepo } from "../ledger/repos/mining-runs.ts";
import { PromotionAuditRepo } from "../ledger/repos/promotion-audit.ts";
import { ShadowTradesRepo } from "../ledger/repos/shadow-trades.ts";
import { type AuditInputs, auditedStats, gateStats } from "./audit.ts";
import { buildSample } from "./bucket-sample.ts";
import type { BucketStat } from "./family.ts";
import { type BucketState, decide, type GateRules } from "./gate.ts";
import { buildLiveCandidates } from "./live-candidates-build.ts";
import { prepareAtomicWrite, renderLiveCandidates } from "./live-candidates-file.ts";
import type { MiningRunParams } from "./mine.ts";
import { EMPTY_MONITOR } from "./monitor.ts";
import { CODE_VERSION, gateConfigHash, tradeSource } from "./provenance.ts";
import { refuseUnfinishedRun } from "./unfinished-run.ts";

export interface PromoteOptions {
  clock: Clock;
  /** Mining run to apply (default: the newest one of the model and source). */
  miningRunId?: number;
  model?: string;
  runId?: number;
  dryRun?: boolean;
}

export type PromoteStatus = "applied" | "no_changes" | "already_applied" | "no_mining_run";

export interface BucketChange {
  key: string;
  prev: BucketState;
  next: BucketState;
  reasons: string[];
}

export interface PromoteResult {
  status: PromoteStatus;
  promoteRunId: string | null;
  miningRunId: number | null;
  /** Every decision of the run (changes and holds). */
  decisions: BucketChange[];
  file: LiveCandidatesFile | null;
  /** live_candidates.json was replaced. */
  wrote: boolean;
}

function compactIso(t: number): string {
  return new Date(t)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export function runPromotion(db: Database, config: Config, options: PromoteOptions): PromoteResult {
  const runs = new MiningRunsRepo(db);
  const audit = new PromotionAuditRepo(db);
  const source = tradeSource(config, options);
  const run =
    options.miningRunId !== undefined
      ? runs.get(options.miningRunId)
      : runs.latest(source.model, source.runId);
  const none = { promoteRunId: null, decisions: [], file: null, wrote: false };
  if (!run) {
    if (options.miningRunId !== undefined)
      throw new UsageError(`--mining-run ${options.miningRunId}: no such mining run`);
    return { status: "no_mining_run", miningRunId: null, ...none };
  }
  if (audit.appliedBy(run.id) !== null) return { status: "already_applied", miningRunId: run.id, ...none };
  refuseUnfinishedRun(db, run.source_run_id, `mining run ${run.id} not promoted`);
  const last = audit.lastAppliedMiningRun();
  if (last !== null && last > run.id) {
    throw new UsageError(`mining run ${run.id} is older than mining run ${last}, which was already applied`);
  }

  const t = options.clock.now();
  const promoteRunId = `${compactIso(t)}-m${run.id}`;
  const plan = planDecisions(db, config, run, promoteRunId, t);
  const file = buildLiveCandidates(
    plan.states,
    plan.stats,
    run,
    promoteRunId,
    t,
    config.risk.probation_size_multiplier,
  );
  const changed = plan.decisions.some((d) => d.prev !== d.next);
  const status: PromoteStatus = changed ? "applied" : "no_changes";
  if (options.dryRun)
    return { status, promoteRunId, miningRunId: run.id, decisions: plan.decisions, file, wrote: false };

  const staged = prepareAtomicWrite(config.live.candidates_path, renderLiveCandidates(file));
  const statesRepo = new BucketStatesRepo(db);
  try {
    db.transaction(() => {
      for (const d of plan.decisions) statesRepo.upsert(plan.states.get(d.key)!);
      for (const row of plan.audits) audit.insert(row);
      staged.commit();
    }).immediate();
  } catch (error) {
    staged.abort();
    throw error;
  }
  return { status, promoteRunId, miningRunId: run.id, decisions: plan.decisions, file, wrote: true };
}

interface Plan {
  decisions: BucketChange[];
  /** Every bucket state after the run (including untouched SHADOW buckets). */
  states: Map<string, BucketStateRow>;
  stats: Map<string, BucketStat>;
  audits: Parameters<PromotionAuditRepo["insert"]>[0][];
}

function planDecisions(
  db: Database,
  config: Config,
  run: MiningRunRow,
  promoteRunId: string,
  t: number,
): Plan {
  const params = JSON.parse(run.params) as MiningRunParams;
  const source = { model: run.sim_model_version, runId: run.source_run_id };
  const stats = new Map(new BucketStatsRepo(db).listByRun(run.id).map((r) => [r.bucket_key, r.stats]));
  const states = new Map(new BucketStatesRepo(db).all().map((s) => [s.bucket_key, s]));
  const keys = [
    ...new Set([
      ...stats.keys(),
      ...[...states.values()].filter((s) => s.state !== "SHADOW").map((s) => s.bucket_key),
    ]),
  ].sort();
  const trades = new ShadowTradesRepo(db);
  const rules: GateRules = config.mining;
  const decisions: BucketChange[] = [];
  const audits: Plan["audits"] = [];
  for (const key of keys) {
    const prevRow = states.get(key);
    const prev = {
      state: prevRow?.state ?? ("SHADOW" as BucketState),
      monitor: prevRow?.monitor ?? EMPTY_MONITOR,
    };
    const s = stats.get(key) ?? null;
    let post: number[] = [];
    let postIds: number[] = [];
    if (prev.state !== "SHADOW") {
      const after = prev.monitor.cursor ?? prev.monitor.promoted_at ?? params.data_until;
      const rows = trades.bucketTrades(source, key, after, params.data_until);
      const sample = buildSample(
        key,
        {
          id: rows.map((r) => r.id),
          bucket: rows.map(() => key),
          setupKey: rows.map((r) => r.setupKey),
          openedAt: rows.map((r) => r.openedAt),
          closedAt: rows.map((r) => r.closedAt),
          r: rows.map((r) => r.r),
        },
        rows.map((_, i) => i),
      );
      post = [...sample.x];
      postIds = rows.map((r) => r.id);
    }
    const input = { prev, stats: s ? gateStats(s) : null, post, data_until: params.data_until, rules };
    const decision = decide(input);
    const next: BucketStateRow = {
      bucket_key: key,
      state: decision.state,
      since: decision.state === prev.state && prevRow ? prevRow.since : t,
      monitor: decision.monitor,
      updated_at: t,
    };
    states.set(key, next);
    decisions.push({ key, prev: prev.state, next: decision.state, reasons: decision.reasons });
    const inputs: AuditInputs = {
      run: {
        promote_run_id: promoteRunId,
        t,
        code_version: CODE_VERSION,
        config_hash: gateConfigHash(config),
        seed: run.seed,
      },
      data: {
        mining_run_id: run.id,
        model: run.sim_model_version,
        source_run_id: run.source_run_id,
        trades_sha256: run.trades_sha256,
        data_until: params.data_until,
        family_size: params.family.length,
        family_sha256: params.family_sha256,
      },
      stats: s ? auditedStats(s) : null,
      post_trade_ids: postIds,
      decision_input: input,
      decision,
    };
    audits.push({
      promote_run_id: promoteRunId,
      mining_run_id: run.id,
      t,
      bucket_key: key,
      prev_state: prev.state,
      new_state: decision.state,
      reasons: decision.reasons,
      inputs,
    });
  }
  return { decisions, states, stats, audits };
}

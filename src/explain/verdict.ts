/**
 * Rebuilds a decision's verdict from the rebuilt bar with the engine's own rules: shadow dedup by
 * setup key and the shadow book's entry plan; for live, the best live candidate of the coin through
 * `liveGate` with the run's thresholds and the open positions and stop cooldowns read back from the
 * ledger. What the ledger cannot give back — the live account's equity at that moment (its sizing),
 * a tripped kill switch or daily halt, a ruined account, an operator's pause — is taken from the
 * stored decision and marked `recorded`, never presented as recomputed.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { bucketKey } from "../core/bucket.ts";
import type { LiveCandidate } from "../core/live-candidates.ts";
import type { Candidate } from "../core/signal.ts";
import { liveGate, PAUSED } from "../engine/live-gate.ts";
import type { Position } from "../engine/position.ts";
import type { ResolvedModel } from "../sim/models/index.ts";
import { type DecisionRow, openAtGate, stopOutsBefore } from "./ledger-rows.ts";
import type { RebuiltBar } from "./replay.ts";

export interface VerdictReason {
  reason: string;
  source: "recomputed" | "recorded";
}

export interface RebuiltVerdict {
  verdict: "open" | "rejected" | "duplicate";
  reasons: VerdictReason[];
  /** The live gate's inputs, for live decisions. */
  gate?: {
    minScore: number;
    score: number;
    bucket: string;
    promoted: "ignored (--ignore-candidates)" | "promoted" | "not promoted";
    promotedFrom: string;
    shadowOnly: boolean;
    openPositions: string[];
    maxPositions: number;
    cooldownUntil: number | null;
  };
}

/** Reasons that come from the account's state, not from the bar or the run's rules. */
const STATE_REASONS = new Set(["kill_switch", "daily_loss_halt", "ruin", PAUSED]);

export function shadowVerdict(
  row: DecisionRow,
  c: Candidate,
  bar: RebuiltBar,
  model: ResolvedModel,
): RebuiltVerdict {
  if (model.dedupSetups) {
    let best: Candidate | null = null;
    for (const x of bar.shadow) if (x.setupKey === c.setupKey && (!best || x.score > best.score)) best = x;
    if (best !== c)
      return { verdict: "duplicate", reasons: [{ reason: "setup_key_taken", source: "recomputed" }] };
  }
  const stored = JSON.parse(row.reasons) as string[];
  if (stored.includes(PAUSED))
    return { verdict: "rejected", reasons: [{ reason: PAUSED, source: "recorded" }] };
  const plan = bar.shadowPlans[bar.shadow.indexOf(c)]!;
  if (plan.ok) return { verdict: "open", reasons: [] };
  return { verdict: "rejected", reasons: [{ reason: plan.reason, source: "recomputed" }] };
}

export function liveVerdict(
  db: Database,
  row: DecisionRow,
  c: Candidate,
  config: Config,
  promoted: { map: ReadonlyMap<string, LiveCandidate>; ignore: boolean; from: string },
): RebuiltVerdict {
  // The gate ran at the tick that recorded the decision (a backtest: the bar's close; the daemon: the
  // first tick after it).
  const now = row.created_at;
  const stored = JSON.parse(row.reasons) as string[];
  const open = openAtGate(db, row.run_id, "live", now, row.id);
  const cooldowns: Record<string, number> = {};
  const minutes = config.risk.cooldown_after_stop_minutes;
  if (minutes > 0)
    for (const s of stopOutsBefore(db, row.run_id, "live", now))
      cooldowns[s.coin] = s.closed_at + minutes * 60_000;
  const verdict = liveGate(
    c,
    {
      minScore: config.live.min_score,
      promoted: promoted.map,
      shadowOnly: new Set(config.live.shadow_only_strategies),
      halts: {
        kill: stored.includes("kill_switch") ? { since: now, drawdown: Number.NaN } : null,
        dailyHaltDay: stored.includes("daily_loss_halt") ? now - (now % 86_400_000) : null,
        cooldowns,
      },
      // The gate reads only the coin of each open position.
      open: open as unknown as Position[],
      maxPositions: config.risk.max_positions,
      ignorePromotion: promoted.ignore,
      ended: stored.includes("ruin"),
      paused: stored.includes(PAUSED),
    },
    config.risk.probation_size_multiplier,
    now,
  );
  const key = bucketKey({
    strategy: c.strategy,
    side: c.side,
    session: c.session,
    regime: c.regime,
    vol_bucket: c.volBucket,
  });
  const gate: RebuiltVerdict["gate"] = {
    minScore: config.live.min_score,
    score: c.score,
    bucket: key,
    promoted: promoted.ignore
      ? "ignored (--ignore-candidates)"
      : promoted.map.has(key)
        ? "promoted"
        : "not promoted",
    promotedFrom: promoted.from,
    shadowOnly: config.live.shadow_only_strategies.includes(c.strategy),
    openPositions: open.map((p) => p.coin),
    maxPositions: config.risk.max_positions,
    cooldownUntil: cooldowns[c.coin] !== undefined && now < cooldowns[c.coin]! ? cooldowns[c.coin]! : null,
  };
  const reasons = verdict.reasons.map(
    (reason): VerdictReason => ({ reason, source: STATE_REASONS.has(reason) ? "recorded" : "recomputed" }),
  );
  if (!verdict.ok) return { verdict: "rejected", reasons, gate };
  // Gate passed: the entry was then sized on the live account's equity and free margin at that moment.
  if (row.verdict === "rejected" && stored.length === 1)
    return { verdict: "rejected", reasons: [{ reason: stored[0]!, source: "recorded" }], gate };
  return { verdict: "open", reasons: [], gate };
}

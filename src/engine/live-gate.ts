/**
 * The live gate: a candidate trades real money only if its score clears the live threshold, its bucket
 * is promoted in live_candidates.json, its strategy is not shadow-only, risk allows and new entries are
 * not paused. Every refusal reason is returned so it is recorded on the decision.
 */
import { bucketKey } from "../core/bucket.ts";
import type { LiveCandidate } from "../core/live-candidates.ts";
import type { Candidate } from "../core/signal.ts";
import { type HaltState, haltReasons } from "../risk/halts.ts";
import type { Position } from "./position.ts";

/** Decision reason while new entries on the path are paused (`hlbot ctl pause`). */
export const PAUSED = "paused";

export interface GateContext {
  minScore: number;
  promoted: ReadonlyMap<string, LiveCandidate>;
  shadowOnly: ReadonlySet<string>;
  halts: HaltState;
  /** The path's open positions, with the entries this tick already accepted. */
  open: readonly Pick<Position, "coin">[];
  /** Entries placed and not filled yet (resting maker orders): they hold a slot and their coin. */
  resting?: readonly { coin: string }[];
  maxPositions: number;
  /** Bypass the promoted-bucket check (backtest `--ignore-candidates`). */
  ignorePromotion?: boolean;
  /** The path's simulated account is ruined: nothing more can trade on it. */
  ended?: boolean;
  /** New live entries are paused (`hlbot ctl pause`); open positions are still managed. */
  paused?: boolean;
}

export interface GateVerdict {
  ok: boolean;
  reasons: string[];
  /** PROBATION buckets trade at a reduced size. */
  sizeMultiplier: number;
}

export function liveGate(
  c: Candidate,
  ctx: GateContext,
  probationMultiplier: number,
  now: number,
): GateVerdict {
  const reasons: string[] = [];
  if (ctx.ended) reasons.push("ruin");
  if (ctx.paused) reasons.push(PAUSED);
  if (c.score < ctx.minScore) reasons.push("score_below_threshold");
  const promoted = ctx.promoted.get(
    bucketKey({
      strategy: c.strategy,
      side: c.side,
      session: c.session,
      regime: c.regime,
      vol_bucket: c.volBucket,
    }),
  );
  if (!promoted && !ctx.ignorePromotion) reasons.push("bucket_not_promoted");
  if (ctx.shadowOnly.has(c.strategy)) reasons.push("shadow_only");
  reasons.push(...haltReasons(ctx.halts, c.coin, now));
  const resting = ctx.resting ?? [];
  if (ctx.open.length + resting.length >= ctx.maxPositions) reasons.push("max_positions");
  if (ctx.open.some((p) => p.coin === c.coin)) reasons.push("position_open_on_coin");
  if (resting.some((r) => r.coin === c.coin)) reasons.push("entry_resting_on_coin");
  const sizeMultiplier = promoted?.state === "PROBATION" ? probationMultiplier : 1;
  return { ok: reasons.length === 0, reasons, sizeMultiplier };
}

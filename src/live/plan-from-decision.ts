/**
 * Rebuilds a live entry plan from its decision row, for an entry whose fill is only learned after a
 * restart (outcome unknown at crash time, resolved by cloid): the position gets the stop, target and
 * bucket that the decision recorded.
 */
import type { Database } from "bun:sqlite";
import type { Regime, Side } from "../core/bucket.ts";
import type { Interval } from "../core/intervals.ts";
import type { LiveEntryPlan } from "./hyperliquid-book.ts";

interface DecisionRow {
  strategy: string;
  coin: string;
  side: Side;
  timeframe: Interval;
  candle_t: number;
  score_raw: number;
  score: number;
  regime: Regime;
  session: string;
  vol_bucket: string;
  setup_key: string;
  entry_ref: number;
  stop: number;
  target: number;
  created_at: number;
}

export function planFromDecision(
  db: Database,
  decisionId: number,
  size: number,
  px: number,
): LiveEntryPlan | null {
  const d = db.query("SELECT * FROM decisions WHERE id = ?1").get(decisionId) as DecisionRow | null;
  if (!d) return null;
  return {
    ok: true,
    candidate: {
      strategy: d.strategy,
      coin: d.coin,
      timeframe: d.timeframe,
      candleT: d.candle_t,
      decidedAt: d.created_at,
      side: d.side,
      scoreRaw: d.score_raw,
      score: d.score,
      regime: d.regime,
      session: d.session,
      volBucket: d.vol_bucket,
      setupKey: d.setup_key,
      entryRef: d.entry_ref,
      stop: d.stop,
      target: d.target,
      features: {},
    },
    size,
    px,
    sizeMultiplier: 1,
    sizeWire: String(size),
    limitPxWire: String(px),
  };
}

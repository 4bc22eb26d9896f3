/**
 * Candidates for positions the live path learns about from the exchange rather than from its own
 * tick: an entry whose fill is only known after a restart (resolved by cloid) gets the stop, target and
 * bucket its decision recorded; a position hlbot never opened is adopted under a protective stop.
 */
import type { Database } from "bun:sqlite";
import type { Regime, Side } from "../core/bucket.ts";
import type { Interval } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";

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

/** The candidate a recorded decision stood for, or null when the decision is unknown. */
export function candidateFromDecision(db: Database, decisionId: number): Candidate | null {
  const d = db.query("SELECT * FROM decisions WHERE id = ?1").get(decisionId) as DecisionRow | null;
  if (!d) return null;
  return {
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
  };
}

/** An adopted position: stop `stopFraction` away from entry, target twice as far (1:2). */
export function externalCandidate(
  coin: string,
  side: Side,
  entry: number,
  stopFraction: number,
  now: number,
): Candidate {
  const d = side === "long" ? 1 : -1;
  const dist = entry * stopFraction;
  return {
    strategy: "external",
    coin,
    timeframe: "1h",
    candleT: now,
    decidedAt: now,
    side,
    scoreRaw: 0,
    score: 0,
    regime: "Neutral",
    session: "EXTERNAL",
    volBucket: "n/a",
    setupKey: `external|${coin}|${now}`,
    entryRef: entry,
    stop: entry - d * dist,
    target: entry + d * 2 * dist,
    features: {},
  };
}

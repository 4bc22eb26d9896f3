/**
 * The exit rules, written once for backtest, shadow and live: stop, target, partial take-profit,
 * stop to breakeven, trailing, liquidation, timeout. `stepPosition` walks one price segment (a bar in
 * replay, the path since the last tick live) and returns the exits it implies at RAW prices; the
 * venue adds friction (sim) or executes them (live).
 *
 * Fill semantics (stated and tested):
 * - a gap through the stop (or liquidation) fills at the segment's open; a gap through the target too;
 * - inside one segment the adverse move is assumed first: if stop and target both lie inside, the stop
 *   fills (unless the caller refines the segment with a finer timeframe);
 * - the partial fills at its level; the stop moves to breakeven and the trail tightens only from the
 *   NEXT segment (the order of highs and lows inside a segment is unknown).
 * Breakeven comes from two independent rules: after the partial (breakevenAfterPartial, the default)
 * and at breakevenAtR in favour (off by default). A strategy's own levels (strategies.<name>.exits)
 * replace the global ones for its positions (`byStrategy`).
 */
import { floorToDecimals } from "../core/decimal.ts";
import { direction, type ExitReason, type Position, riskPerUnit } from "./position.ts";

/** The levels a strategy may override. */
export interface ExitLevels {
  partialFraction: number;
  partialAtR: number;
  breakevenAfterPartial: boolean;
  /** Stop to entry once price has moved this many R in favour (null: only after the partial, if set). */
  breakevenAtR?: number | null;
  trailFromR: number;
}

export interface ExitRules extends ExitLevels {
  partials: boolean;
  trail: boolean;
  /** Levels of the strategies with overrides (strategies.<name>.exits), merged over the global ones. */
  byStrategy?: ReadonlyMap<string, ExitLevels>;
  liquidation: boolean;
  timeoutMs: number;
  /** Lot size decimals of the coin, for the partial's size. */
  szDecimals: number;
}

export interface Segment {
  open: number;
  high: number;
  low: number;
  close: number;
  /** End time of the segment (ms). */
  end: number;
}

export interface RawExit {
  reason: ExitReason;
  px: number;
  size: number;
}

/** Which reason a stop-out carries: the stop's story (initial, breakeven, trail). */
export function stopReason(p: Position): ExitReason {
  if (p.trailActive) return "trail";
  // Only a breakeven rule puts the stop exactly at entry (the initial stop never is; the trail is above).
  if (p.stopPx === p.entryPx) return "breakeven";
  return "stop";
}

/**
 * The trail distance a new position opens with: its strategy's `exits.trail_distance_r` when set, else
 * the signal's own (trend_alpha's parameter), else the global `exits.trail_distance_r`.
 */
export function openingTrailDistance(
  strategyOverride: number | null | undefined,
  signal: number | undefined,
  global: number,
): number {
  return strategyOverride ?? signal ?? global;
}

/** Isolated-margin liquidation price (HL formula, maintenance leverage = 2 × max leverage). */
export function liquidationPrice(
  entry: number,
  side: "long" | "short",
  leverage: number,
  maxLeverage: number,
): number {
  const l = 1 / (2 * maxLeverage);
  const s = side === "long" ? 1 : -1;
  const marginAvailablePerUnit = entry / leverage - entry * l;
  return entry - (s * marginAvailablePerUnit) / (1 - l * s);
}

const NO_EXITS: readonly RawExit[] = Object.freeze([]);

/** Exits the whole remaining size at `px`: the position's last exit of the segment. */
function fullExit(p: Position, reason: ExitReason, px: number, exits: RawExit[] | null): RawExit[] {
  const out = exits ?? [];
  out.push({ reason, px, size: p.size });
  p.size = 0;
  return out;
}

/**
 * Advances `p` over one segment. Mutates the position's management state (stop, bestPx, flags,
 * size) and returns the exits to execute, in order (a shared empty array when there are none: this
 * runs for every open position on every bar). After a full exit, p.size is 0. Prices are compared
 * as px·d, so "larger is better for the position" reads the same for longs and shorts.
 */
export function stepPosition(p: Position, seg: Segment, rules: ExitRules): readonly RawExit[] {
  const d = direction(p.side);
  const liq = rules.liquidation ? p.liquidationPx : null;
  const lv = rules.byStrategy?.get(p.strategy) ?? rules;

  // 1. Gaps at the open.
  const open = seg.open * d;
  if (liq !== null && open <= liq * d) return fullExit(p, "liquidation", seg.open, null);
  if (open <= p.stopPx * d) return fullExit(p, stopReason(p), seg.open, null);
  if (open >= p.targetPx * d) return fullExit(p, "target", seg.open, null);

  // 2. Adverse extreme first.
  const worst = d === 1 ? seg.low : seg.high;
  if (worst * d <= p.stopPx * d) {
    if (liq !== null && liq * d >= p.stopPx * d) return fullExit(p, "liquidation", liq, null);
    return fullExit(p, stopReason(p), p.stopPx, null);
  }
  if (liq !== null && worst * d <= liq * d) return fullExit(p, "liquidation", liq, null);

  // 3. Favourable extreme: partial, then target.
  let exits: RawExit[] | null = null;
  const best = d === 1 ? seg.high : seg.low;
  const r = riskPerUnit(p);
  let moveStopTo: number | null = null;
  if (rules.partials && !p.partialDone) {
    const partialPx = p.entryPx + d * lv.partialAtR * r;
    if (best * d >= partialPx * d && partialPx * d < p.targetPx * d) {
      const size = floorToDecimals(p.initialSize * lv.partialFraction, rules.szDecimals);
      if (size > 0 && size < p.size) {
        exits = [{ reason: "partial", px: partialPx, size }];
        p.size = floorToDecimals(p.size - size, rules.szDecimals + 2);
        p.partialDone = true;
        if (lv.breakevenAfterPartial) moveStopTo = p.entryPx;
      }
    }
  }
  if (rules.partials && lv.breakevenAtR != null && best * d >= (p.entryPx + d * lv.breakevenAtR * r) * d)
    moveStopTo = p.entryPx;
  if (best * d >= p.targetPx * d) return fullExit(p, "target", p.targetPx, exits);

  // 4. Track the best price; trail from trailFromR, effective from the next segment.
  if (best * d > p.bestPx * d) p.bestPx = best;
  if (rules.trail && p.bestPx * d >= (p.entryPx + d * lv.trailFromR * r) * d) {
    p.trailActive = true;
    const trailStop = p.bestPx - d * p.trailDistanceR * r;
    if (moveStopTo === null || trailStop * d > moveStopTo * d) moveStopTo = trailStop;
  }
  if (moveStopTo !== null && moveStopTo * d > p.stopPx * d) p.stopPx = moveStopTo;

  // 5. Timeout at the segment's close.
  if (seg.end - p.openedAt >= rules.timeoutMs) return fullExit(p, "timeout", seg.close, exits);
  return exits ?? NO_EXITS;
}

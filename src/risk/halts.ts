/**
 * The halts that stop new entries: the drawdown kill switch (flatten live — again every tick until
 * flat — and halt until `hlbot resume`), the daily loss halt (no entries until UTC rollover),
 * per-coin cooldowns after a stop-loss, and the start-up halt after consecutive losing weeks. State is plain data so the daemon persists it.
 */
import { DAY_MS, MINUTE_MS, utcDayStart } from "../core/clock.ts";
import type { EquitySnapshot } from "../engine/ports.ts";

export interface HaltState {
  /** Set when the drawdown floor was breached; cleared only by `hlbot resume`. */
  kill: { since: number; drawdown: number } | null;
  /** UTC day start on which the daily loss limit was hit. */
  dailyHaltDay: number | null;
  /** coin → time until which new entries are refused. */
  cooldowns: Record<string, number>;
}

export const EMPTY_HALTS: HaltState = { kill: null, dailyHaltDay: null, cooldowns: {} };

export interface HaltLimits {
  drawdown_floor: number;
  daily_loss_limit: number;
  cooldown_after_stop_minutes: number;
}

export type HaltEvent = "kill_switch" | "daily_halt" | null;

/** Applies the account snapshot to the halts; returns which halt (if any) was newly triggered. */
export function updateHalts(h: HaltState, s: EquitySnapshot, limits: HaltLimits): HaltEvent {
  if (h.dailyHaltDay !== null && h.dailyHaltDay !== utcDayStart(s.t)) h.dailyHaltDay = null;
  if (!h.kill && s.drawdown >= limits.drawdown_floor) {
    h.kill = { since: s.t, drawdown: s.drawdown };
    return "kill_switch";
  }
  const dayStartEquity = s.equity - s.dayPnl;
  if (
    h.dailyHaltDay === null &&
    dayStartEquity > 0 &&
    -s.dayPnl / dayStartEquity >= limits.daily_loss_limit
  ) {
    h.dailyHaltDay = utcDayStart(s.t);
    return "daily_halt";
  }
  return null;
}

/**
 * True while the kill switch is set and live positions remain: the flatten is sent again every tick
 * until none is left (a reduce-only IOC may find no liquidity, be refused, or fill only in part), and
 * after a restart with the kill switch still set.
 */
export function killFlattenDue(h: HaltState, openPositions: number): boolean {
  return h.kill !== null && openPositions > 0;
}

export function startCooldown(h: HaltState, coin: string, now: number, limits: HaltLimits): void {
  if (limits.cooldown_after_stop_minutes > 0)
    h.cooldowns[coin] = now + limits.cooldown_after_stop_minutes * MINUTE_MS;
}

/** Reasons new entries on `coin` are refused right now (empty = allowed). */
export function haltReasons(h: HaltState, coin: string, now: number): string[] {
  const reasons: string[] = [];
  if (h.kill) reasons.push("kill_switch");
  if (h.dailyHaltDay !== null && h.dailyHaltDay === utcDayStart(now)) reasons.push("daily_loss_halt");
  const until = h.cooldowns[coin];
  if (until !== undefined && now < until) reasons.push("cooldown");
  return reasons;
}

/**
 * Consecutive losing ISO weeks (Monday 00:00 UTC) ending with the last complete week before `now`,
 * from closed-trade PnL by close time.
 */
export function consecutiveLosingWeeks(trades: { closedAt: number; netPnl: number }[], now: number): number {
  const WEEK = 7 * DAY_MS;
  const MONDAY_OFFSET = 4 * DAY_MS; // 1970-01-01 was a Thursday
  const weekOf = (t: number) => Math.floor((t - MONDAY_OFFSET) / WEEK);
  const pnl = new Map<number, number>();
  for (const t of trades) pnl.set(weekOf(t.closedAt), (pnl.get(weekOf(t.closedAt)) ?? 0) + t.netPnl);
  let count = 0;
  for (let w = weekOf(now) - 1; ; w--) {
    const v = pnl.get(w);
    if (v === undefined || v >= 0) break;
    count++;
  }
  return count;
}

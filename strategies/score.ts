/**
 * Score building blocks shared by the strategies. A score is 0–100: a base for passing every gate
 * plus weighted ramps measuring how far past each threshold the bar is.
 */
import type { Side } from "../src/core/bucket.ts";

/** 0 at `from`, 1 at `full`, linear between and clamped (works for decreasing ramps, from > full). */
export function ramp(x: number, from: number, full: number): number {
  if (from === full) return x >= full ? 1 : 0;
  return Math.min(1, Math.max(0, (x - from) / (full - from)));
}

export function clampScore(s: number): number {
  return Math.min(100, Math.max(0, s));
}

/** +1 for long, −1 for short: lets one code path test both sides. */
export function dir(side: Side): 1 | -1 {
  return side === "long" ? 1 : -1;
}

export interface FundingFilter {
  /** Funding against the position (per 8 h) at or above which the setup is rejected. */
  funding_headwind_cap_8h: number;
  /** Funding in favour of the position (per 8 h) from which a bonus starts. */
  funding_tailwind_from_8h: number;
  /** Funding in favour at which the bonus is full. */
  funding_tailwind_full_8h: number;
  /** Largest bonus, in score points. */
  funding_bonus_max: number;
}

/** Funding the position would PAY per 8 h (positive = headwind); NaN when unknown. */
export function fundingCost8h(side: Side, funding8h: number): number {
  return side === "long" ? funding8h : -funding8h;
}

/** True when known funding costs the position at least the cap (unknown funding never rejects). */
export function fundingHeadwind(cost8h: number, p: FundingFilter): boolean {
  return cost8h >= p.funding_headwind_cap_8h;
}

/** Bonus points for funding paid TO the position (0 when unknown). */
export function fundingBonus(cost8h: number, p: FundingFilter): number {
  const tailwind = -cost8h;
  if (!(tailwind >= p.funding_tailwind_from_8h)) return 0;
  return p.funding_bonus_max * ramp(tailwind, 0, p.funding_tailwind_full_8h);
}

/**
 * compute_size: how many coins to trade so that a stop-out loses `riskFraction` of equity, capped by
 * leverage, notional and exchange limits, rounded DOWN to the lot size. One function for backtest,
 * shadow and live, so a backtest's equity curve is what the daemon would have done.
 */
import { type AssetMeta, MIN_NOTIONAL_USD } from "../core/assets.ts";
import { floorToDecimals } from "../core/decimal.ts";

export interface SizingInput {
  equity: number;
  riskFraction: number;
  entry: number;
  stop: number;
  asset: AssetMeta;
  maxLeverage: number;
  maxNotionalUsd: number;
  /** Scale applied to the risk (PROBATION buckets trade at a fraction). */
  sizeMultiplier?: number;
  /** Margin still free for a new position (USDC); the position's margin at `maxLeverage` must fit. */
  marginAvailable?: number;
  /** Share of the free margin a new position may use (room for fees and adverse moves). */
  marginUsage?: number;
}

export type SizingResult =
  | { ok: true; size: number; notional: number; leverage: number; riskUsd: number; capped: string | null }
  | { ok: false; reason: "bad_stop" | "no_equity" | "below_min_notional" };

export function computeSize(input: SizingInput): SizingResult {
  const { equity, entry, stop, asset } = input;
  const perUnitRisk = Math.abs(entry - stop);
  if (!(perUnitRisk > 0) || !(entry > 0)) return { ok: false, reason: "bad_stop" };
  if (!(equity > 0)) return { ok: false, reason: "no_equity" };
  const riskBudget = equity * input.riskFraction * (input.sizeMultiplier ?? 1);
  let size = riskBudget / perUnitRisk;
  let capped: string | null = null;
  const leverage = Math.min(input.maxLeverage, asset.maxLeverage);
  const maxByLeverage = (equity * leverage) / entry;
  if (size > maxByLeverage) {
    size = maxByLeverage;
    capped = "leverage";
  }
  if (input.marginAvailable !== undefined) {
    const maxByMargin = (Math.max(0, input.marginAvailable) * (input.marginUsage ?? 0.9) * leverage) / entry;
    if (size > maxByMargin) {
      size = maxByMargin;
      capped = "margin";
    }
  }
  const maxByNotional = input.maxNotionalUsd / entry;
  if (size > maxByNotional) {
    size = maxByNotional;
    capped = "notional";
  }
  size = floorToDecimals(size, asset.szDecimals);
  const notional = size * entry;
  if (notional < MIN_NOTIONAL_USD) return { ok: false, reason: "below_min_notional" };
  return {
    ok: true,
    size,
    notional,
    leverage: Math.max(1, Math.ceil(notional / equity)),
    riskUsd: size * perUnitRisk,
    capped,
  };
}

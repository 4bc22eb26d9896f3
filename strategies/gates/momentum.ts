/** Gate introspection of momentum (strategies/momentum.ts), condition for condition. */
import type { Side } from "../../src/core/bucket.ts";
import type { Features } from "../../src/market/features/features.ts";
import type { MomentumParams } from "../momentum.ts";
import { dir, fundingCost8h, fundingHeadwind } from "../score.ts";
import type { StrategyContext } from "../types.ts";
import { type Gate, type GateReport, gate, n, report } from "./types.ts";

function sideGates(f: Features, p: MomentumParams, s: Side): Gate[] {
  const d = dir(s);
  const age = s === "long" ? f.crossUpAge : f.crossDownAge;
  const ageName = s === "long" ? "crossUpAge" : "crossDownAge";
  const out: Gate[] = [
    gate(
      "side",
      "cross_fresh",
      `0 ≤ ${ageName} < ${n(p.cross_within_bars)}`,
      age,
      age >= 0 && age < p.cross_within_bars,
    ),
    s === "long"
      ? gate("side", "breakout", `close > high20 (${n(f.high20)})`, f.close, f.close > f.high20)
      : gate("side", "breakout", `close < low20 (${n(f.low20)})`, f.close, f.close < f.low20),
  ];
  const [lo, hi] = s === "long" ? [p.rsi_long_min, p.rsi_long_max] : [p.rsi_short_min, p.rsi_short_max];
  out.push(
    gate("filter", "rsi_zone", `${n(lo)} ≤ rsi14 ≤ ${n(hi)}`, f.rsi14, f.rsi14 >= lo && f.rsi14 <= hi),
  );
  if (p.rsi_must_turn) {
    out.push(
      gate(
        "filter",
        "rsi_turn",
        s === "long" ? "rsi14 − prevRsi14 > 0" : "rsi14 − prevRsi14 < 0",
        f.rsi14 - f.prevRsi14,
        (f.rsi14 - f.prevRsi14) * d > 0,
      ),
    );
  }
  const cost = fundingCost8h(s, f.funding8h);
  out.push(
    gate(
      "filter",
      "volume",
      `volumeRatio ≥ ${n(p.volume_ratio_min)}`,
      f.volumeRatio,
      f.volumeRatio >= p.volume_ratio_min,
    ),
    gate("filter", "atr_floor", `atrPct ≥ ${n(p.atr_pct_min)}`, f.atrPct, f.atrPct >= p.atr_pct_min),
    gate("filter", "adx", `adx14 ≥ ${n(p.adx_min)}`, f.adx14, f.adx14 >= p.adx_min),
    gate(
      "filter",
      "adx_rising",
      `adxRiseStreak ≥ ${n(p.adx_rising_bars)}`,
      f.adxRiseStreak,
      !(f.adxRiseStreak < p.adx_rising_bars),
    ),
    gate(
      "filter",
      "funding_headwind",
      `funding paid per 8h < ${n(p.funding_headwind_cap_8h)} (unknown passes)`,
      cost,
      !fundingHeadwind(cost, p),
    ),
  );
  return out;
}

export function momentumGates(f: Features, _ctx: StrategyContext, p: MomentumParams): GateReport {
  return report(sideGates(f, p, "long"), sideGates(f, p, "short"));
}

/**
 * mean_reversion (1h by default): fade a stretched move back to the mean, in quiet bands only.
 *
 * Long (short mirrored) when ALL hold on the closed bar:
 *  - RSI extreme: rsi14 ≤ rsi_long_max (short: ≥ rsi_short_min);
 *  - close outside the Bollinger band: close < bbLower (short: close > bbUpper);
 *  - bands not expanding: bbWidth = (upper − lower)/middle ≤ band_width_max (a wide band is a
 *    breakout, not a stretch);
 *  - the target is worth it: reward ≥ min_reward_r × risk.
 * Stop = close ∓ stop_atr·ATR (tight). Target = the middle band (target_mode "middle") or
 * close ± target_r × risk ("r_multiple").
 * Score = 30 + 30·ramp(RSI, threshold→rsi_long_full / rsi_short_full)
 *       + 25·ramp(distance beyond the band in ATR, 0→penetration_full_atr)
 *       + 15·ramp(bbWidth, band_width_max→width_full), capped at 100.
 */
import * as z from "zod";
import type { Side } from "../src/core/bucket.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";
import { withDefaults } from "./params.ts";
import { clampScore, dir, ramp } from "./score.ts";
import type { StrategyContext, StrategyDef } from "./types.ts";

const W_BASE = 30;
const W_RSI = 30;
const W_PENETRATION = 25;
const W_WIDTH = 15;

export const MeanReversionParamsSchema = z.strictObject({
  /** Long only when RSI is at or below this. */
  rsi_long_max: z.number().min(0).max(100).default(30),
  /** Short only when RSI is at or above this. */
  rsi_short_min: z.number().min(0).max(100).default(70),
  /** RSI at which the RSI part of a long's score is full. */
  rsi_long_full: z.number().min(0).max(100).default(15),
  /** RSI at which the RSI part of a short's score is full. */
  rsi_short_full: z.number().min(0).max(100).default(85),
  /** Skip when the band width (upper − lower)/middle exceeds this: the bands are expanding. */
  band_width_max: z.number().positive().default(0.05),
  /** Band width at which the width part of the score is full (tighter is better). */
  width_full: z.number().positive().default(0.02),
  /** Close beyond the band, in ATR, at which the penetration part is full. */
  penetration_full_atr: z.number().positive().default(1),
  stop_atr: z.number().positive().default(1),
  /** "middle": target the middle band; "r_multiple": target_r times the risk. */
  target_mode: z.enum(["middle", "r_multiple"]).default("middle"),
  target_r: z.number().positive().default(1.5),
  /** Smallest reward/risk accepted (matters for the middle-band target). */
  min_reward_r: z.number().min(0).default(0.5),
});
export type MeanReversionParams = z.output<typeof MeanReversionParamsSchema>;

/** Shadow records milder stretches too. */
export const MeanReversionShadowSchema = withDefaults(MeanReversionParamsSchema, {
  rsi_long_max: 35,
  rsi_short_min: 65,
  min_reward_r: 0,
});

function side(f: Features, p: MeanReversionParams): Side | null {
  if (f.rsi14 <= p.rsi_long_max && f.close < f.bbLower) return "long";
  if (f.rsi14 >= p.rsi_short_min && f.close > f.bbUpper) return "short";
  return null;
}

export function evaluateMeanReversion(
  f: Features,
  _ctx: StrategyContext,
  p: MeanReversionParams,
): StrategySignal | null {
  if (!(f.bbWidth <= p.band_width_max) || !(f.atr14 > 0)) return null;
  const s = side(f, p);
  if (s === null) return null;
  const d = dir(s);
  const risk = p.stop_atr * f.atr14;
  const target = p.target_mode === "middle" ? f.bbMiddle : f.close + d * p.target_r * risk;
  const rewardR = ((target - f.close) * d) / risk;
  if (!(rewardR > 0) || rewardR < p.min_reward_r) return null;

  const penetrationAtr = (s === "long" ? f.bbLower - f.close : f.close - f.bbUpper) / f.atr14;
  const rsiPart =
    s === "long"
      ? ramp(f.rsi14, p.rsi_long_max, p.rsi_long_full)
      : ramp(f.rsi14, p.rsi_short_min, p.rsi_short_full);
  const scoreRaw = clampScore(
    W_BASE +
      W_RSI * rsiPart +
      W_PENETRATION * ramp(penetrationAtr, 0, p.penetration_full_atr) +
      W_WIDTH * ramp(f.bbWidth, p.band_width_max, p.width_full),
  );
  return {
    side: s,
    scoreRaw,
    entryRef: f.close,
    stop: f.close - d * risk,
    target,
    features: {
      close: f.close,
      rsi14: f.rsi14,
      bbUpper: f.bbUpper,
      bbMiddle: f.bbMiddle,
      bbLower: f.bbLower,
      bbWidth: f.bbWidth,
      penetrationAtr,
      atr14: f.atr14,
      rewardR,
    },
  };
}

export const meanReversion: StrategyDef<MeanReversionParams> = {
  name: "mean_reversion",
  timeframe: "1h",
  params: { live: MeanReversionParamsSchema.parse({}), shadow: MeanReversionShadowSchema.parse({}) },
  evaluate: evaluateMeanReversion,
};

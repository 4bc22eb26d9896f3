/**
 * zscore_reversion (1h by default): perp-bot's signal engine — fade a statistically large stretch,
 * only while the series is anti-persistent and not trending, and CLOSE once it has reverted.
 *
 * Long (short mirrored) when ALL hold on the closed bar:
 *  - stretched: zScore ≤ −z_entry (short: ≥ z_entry), z over features.zscore_bars closes, sample sd;
 *  - mean-reverting regime: hurst < hurst_max (R/S over features.hurst_bars log returns; a random
 *    walk reads ≈ 0.55–0.6 on 100 returns with this estimator, see docs/signals.md);
 *  - close outside the Bollinger band: close < bbLower (short: close > bbUpper);
 *  - RSI confirms: rsi14 ≤ rsi_long_max (short: ≥ rsi_short_min);
 *  - no trend: adx14 ≤ adx_max.
 * Stop = close ∓ stop_atr·ATR; target = close ± target_atr·ATR.
 * Score = 30 + 25·ramp(|z|, z_entry→z_full) + 20·ramp(hurst, hurst_max→hurst_full)
 *       + 15·ramp(RSI, threshold→rsi_long_full / rsi_short_full) + 10·ramp(ADX, adx_max→adx_full),
 *       capped at 100.
 * CLOSE (exitSignal, for a position this strategy opened): a long closes once zScore ≥ −exit_z, a
 * short once zScore ≤ exit_z — exit_z 0 means "z back at (or past) the mean"; a positive exit_z
 * closes before the mean, a negative one holds past it. NaN z never closes.
 */
import * as z from "zod";
import type { Side } from "../src/core/bucket.ts";
import type { StrategySignal } from "../src/core/signal.ts";
import type { Features } from "../src/market/features/features.ts";
import { withDefaults } from "./params.ts";
import { clampScore, dir, ramp } from "./score.ts";
import type { ExitSignal, StrategyContext, StrategyDef } from "./types.ts";

const W_BASE = 30;
const W_Z = 25;
const W_HURST = 20;
const W_RSI = 15;
const W_ADX = 10;

export const ZScoreReversionParamsSchema = z.strictObject({
  /** Enter when |z| is at or beyond this (long: z ≤ −z_entry; short: z ≥ z_entry). */
  z_entry: z.number().positive().max(10).default(2),
  /** |z| at which the z part of the score is full. */
  z_full: z.number().positive().max(10).default(3),
  /** Enter only when the Hurst exponent is below this (anti-persistent returns). */
  hurst_max: z.number().min(0).max(1.5).default(0.5),
  /** Hurst at which the Hurst part of the score is full (lower is better). */
  hurst_full: z.number().min(0).max(1.5).default(0.35),
  /** Long only when RSI is at or below this. */
  rsi_long_max: z.number().min(0).max(100).default(30),
  /** Short only when RSI is at or above this. */
  rsi_short_min: z.number().min(0).max(100).default(70),
  /** RSI at which the RSI part of a long's score is full. */
  rsi_long_full: z.number().min(0).max(100).default(15),
  /** RSI at which the RSI part of a short's score is full. */
  rsi_short_full: z.number().min(0).max(100).default(85),
  /** Enter only when ADX is at or below this (no trend to fight). */
  adx_max: z.number().min(0).max(100).default(25),
  /** ADX at which the ADX part of the score is full (lower is better). */
  adx_full: z.number().min(0).max(100).default(15),
  stop_atr: z.number().positive().default(1.5),
  target_atr: z.number().positive().default(2),
  /** CLOSE a long once z ≥ −exit_z, a short once z ≤ exit_z (0: back at the mean). Below z_entry. */
  exit_z: z.number().min(-5).max(5).default(0),
});
export type ZScoreReversionParams = z.output<typeof ZScoreReversionParamsSchema>;

/** Shadow records milder stretches and a looser regime filter too. */
export const ZScoreReversionShadowSchema = withDefaults(ZScoreReversionParamsSchema, {
  z_entry: 1.5,
  hurst_max: 0.55,
  rsi_long_max: 35,
  rsi_short_min: 65,
  adx_max: 30,
});

function side(f: Features, p: ZScoreReversionParams): Side | null {
  if (f.zScore <= -p.z_entry && f.close < f.bbLower && f.rsi14 <= p.rsi_long_max) return "long";
  if (f.zScore >= p.z_entry && f.close > f.bbUpper && f.rsi14 >= p.rsi_short_min) return "short";
  return null;
}

export function evaluateZScoreReversion(
  f: Features,
  _ctx: StrategyContext,
  p: ZScoreReversionParams,
): StrategySignal | null {
  if (!(f.adx14 <= p.adx_max) || !(f.atr14 > 0)) return null;
  const s = side(f, p);
  // Hurst last: the pipeline computes it on first read, so only bars that pass everything else pay.
  if (s === null || !(f.hurst < p.hurst_max)) return null;
  const d = dir(s);
  const absZ = Math.abs(f.zScore);
  const rsiPart =
    s === "long"
      ? ramp(f.rsi14, p.rsi_long_max, p.rsi_long_full)
      : ramp(f.rsi14, p.rsi_short_min, p.rsi_short_full);
  const scoreRaw = clampScore(
    W_BASE +
      W_Z * ramp(absZ, p.z_entry, p.z_full) +
      W_HURST * ramp(f.hurst, p.hurst_max, p.hurst_full) +
      W_RSI * rsiPart +
      W_ADX * ramp(f.adx14, p.adx_max, p.adx_full),
  );
  return {
    side: s,
    scoreRaw,
    entryRef: f.close,
    stop: f.close - d * p.stop_atr * f.atr14,
    target: f.close + d * p.target_atr * f.atr14,
    features: {
      close: f.close,
      zScore: f.zScore,
      hurst: f.hurst,
      rsi14: f.rsi14,
      adx14: f.adx14,
      bbUpper: f.bbUpper,
      bbMiddle: f.bbMiddle,
      bbLower: f.bbLower,
      atr14: f.atr14,
    },
  };
}

/** The CLOSE rule for an open position of this strategy (see the header). */
export function zScoreReversionExit(
  f: Features,
  _ctx: StrategyContext,
  openSide: Side,
  p: ZScoreReversionParams,
): ExitSignal | null {
  if (openSide === "long") return f.zScore >= -p.exit_z ? "close" : null;
  return f.zScore <= p.exit_z ? "close" : null;
}

export const zscoreReversion: StrategyDef<ZScoreReversionParams> = {
  name: "zscore_reversion",
  timeframe: "1h",
  params: {
    live: ZScoreReversionParamsSchema.parse({}),
    shadow: ZScoreReversionShadowSchema.parse({}),
  },
  evaluate: evaluateZScoreReversion,
  exitSignal: zScoreReversionExit,
};

/**
 * Per-strategy settings: on/off, the timeframe it evaluates, its live and shadow threshold sets and
 * its exit overrides.
 * The parameter schemas (bounds, defaults, docs) live beside each strategy in strategies/.
 */
import * as z from "zod";
import { EmaPullbackParamsSchema, EmaPullbackShadowSchema } from "../../../strategies/ema-pullback.ts";
import { MeanReversionParamsSchema, MeanReversionShadowSchema } from "../../../strategies/mean-reversion.ts";
import { MomentumParamsSchema, MomentumShadowSchema } from "../../../strategies/momentum.ts";
import { TrendAlphaParamsSchema, TrendAlphaShadowSchema } from "../../../strategies/trend-alpha.ts";
import {
  ZScoreReversionParamsSchema,
  ZScoreReversionShadowSchema,
} from "../../../strategies/zscore-reversion.ts";
import { StrategyExitsSection } from "./exits.ts";

const SIGNAL_TIMEFRAMES = ["15m", "1h", "4h"] as const;

function entry<L extends z.ZodObject, S extends z.ZodObject>(
  timeframe: (typeof SIGNAL_TIMEFRAMES)[number],
  live: L,
  shadow: S,
) {
  return z.strictObject({
    /** Evaluate this strategy at all (shadow and live). */
    enabled: z.boolean().default(true),
    /** Timeframe whose closed bars the strategy evaluates. */
    timeframe: z.enum(SIGNAL_TIMEFRAMES).default(timeframe),
    /** Thresholds for live candidates. */
    live: live.prefault({} as z.input<L>),
    /** Thresholds for shadow candidates (usually looser, to explore buckets). */
    shadow: shadow.prefault({} as z.input<S>),
    /** This strategy's exit levels (partial, breakeven, trail); null keys inherit `exits.*`. */
    exits: StrategyExitsSection.prefault({}),
  });
}

export const StrategiesSection = z.strictObject({
  momentum: entry("15m", MomentumParamsSchema, MomentumShadowSchema).prefault({}),
  mean_reversion: entry("1h", MeanReversionParamsSchema, MeanReversionShadowSchema).prefault({}),
  ema_pullback: entry("1h", EmaPullbackParamsSchema, EmaPullbackShadowSchema).prefault({}),
  trend_alpha: entry("4h", TrendAlphaParamsSchema, TrendAlphaShadowSchema).prefault({}),
  zscore_reversion: entry("1h", ZScoreReversionParamsSchema, ZScoreReversionShadowSchema).prefault({}),
});

export type StrategiesConfig = z.output<typeof StrategiesSection>;

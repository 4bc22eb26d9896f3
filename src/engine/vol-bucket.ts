/**
 * The volatility bucket of a bar, from its vol_ratio (short over long realized volatility):
 * "low" below low_below, "high" from high_from, "mid" in between (features.vol_bucket in config).
 */
import type { VolBucketConfig } from "../config/sections/features.ts";

export const VOL_BUCKETS = ["low", "mid", "high"] as const;
export type VolBucket = (typeof VOL_BUCKETS)[number];

export function volBucket(volRatio: number, cfg: VolBucketConfig): VolBucket {
  if (volRatio < cfg.low_below) return "low";
  if (volRatio >= cfg.high_from) return "high";
  return "mid";
}

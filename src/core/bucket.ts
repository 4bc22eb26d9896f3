/**
 * A bucket is the unit the promotion gate judges: (strategy, side, session, regime, vol_bucket).
 * Its key is the five parts joined by "|", used in the ledger, live_candidates.json and the API.
 */
export type Side = "long" | "short";
export type Regime = "Long" | "Short" | "Neutral";

export interface Bucket {
  strategy: string;
  side: Side;
  session: string;
  regime: Regime;
  vol_bucket: string;
}

export function bucketKey(b: Bucket): string {
  return `${b.strategy}|${b.side}|${b.session}|${b.regime}|${b.vol_bucket}`;
}

export function parseBucketKey(key: string): Bucket | null {
  const parts = key.split("|");
  if (parts.length !== 5) return null;
  const [strategy, side, session, regime, vol_bucket] = parts as [string, string, string, string, string];
  if (side !== "long" && side !== "short") return null;
  if (regime !== "Long" && regime !== "Short" && regime !== "Neutral") return null;
  return { strategy, side, session, regime, vol_bucket };
}

/**
 * The demo's promoted buckets: EVERY bucket (strategy × side × session × regime × vol bucket) at LIVE,
 * so the live path trades whatever passes its own live thresholds and risk rules — on the demo account
 * of the local venue. No mining has run: in production only the buckets `hlbot promote` admitted
 * trade, and config/live_candidates.json starts empty. Written into the demo's folder, never over
 * the configured `live.candidates_path`.
 */
import { writeFileSync } from "node:fs";
import { STRATEGY_NAMES } from "../../strategies/index.ts";
import type { Config } from "../config/schema.ts";
import { bucketKey, type Regime, type Side } from "../core/bucket.ts";
import type { LiveCandidate, LiveCandidatesFile } from "../core/live-candidates.ts";
import { VOL_BUCKETS } from "../engine/vol-bucket.ts";

const SIDES: readonly Side[] = ["long", "short"];
const REGIMES: readonly Regime[] = ["Long", "Short", "Neutral"];

export function demoCandidates(config: Config, at: number): LiveCandidatesFile {
  const since = new Date(at).toISOString().slice(0, 10);
  const buckets: LiveCandidate[] = [];
  for (const strategy of STRATEGY_NAMES)
    for (const side of SIDES)
      for (const { name: session } of config.sessions.windows)
        for (const regime of REGIMES)
          for (const vol_bucket of VOL_BUCKETS) {
            const bucket = { strategy, side, session, regime, vol_bucket };
            buckets.push({
              key: bucketKey(bucket),
              ...bucket,
              state: "LIVE",
              size_multiplier: 1,
              since,
              stats: {},
            });
          }
  return {
    version: 1,
    generated_at: new Date(at).toISOString(),
    mining_run_id: null,
    promote_run_id: "demo: every bucket promoted",
    sim_model_version: null,
    buckets,
  };
}

export function writeDemoCandidates(path: string, config: Config, at: number): number {
  const file = demoCandidates(config, at);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return file.buckets.length;
}

/**
 * The prediction-market risk score as it was at a past time, for backtests: the recorded snapshots
 * of the configured markets, loaded once, and for any t the latest price RECEIVED at or before t
 * (binary search; no order of calls is assumed). A snapshot received after t is never seen at t.
 */
import type { PredictionMarketsConfig } from "../config/sections/prediction-markets.ts";
import { type ObservedPrice, type RiskReading, type RiskScoreSource, riskScore } from "./risk-score.ts";
import type { PredictionSnapshotsRepo } from "./snapshots-repo.ts";
import { POLYMARKET } from "./source.ts";

interface Series {
  t: Float64Array;
  p: Float64Array;
}

export class PredictionReplay implements RiskScoreSource {
  private readonly series = new Map<string, Series>();

  constructor(
    repo: PredictionSnapshotsRepo,
    private readonly cfg: PredictionMarketsConfig,
    from = 0,
    to = Number.MAX_SAFE_INTEGER,
  ) {
    // From `from − max_age`: a price received shortly before the window still counts at its start.
    const since = Math.max(0, from - cfg.max_age_seconds * 1000);
    for (const m of cfg.markets) {
      const rows = repo.list(POLYMARKET, m.slug, m.outcome, since, to);
      this.series.set(m.slug, {
        t: Float64Array.from(rows, (r) => r.t),
        p: Float64Array.from(rows, (r) => r.probability),
      });
    }
  }

  /** Snapshots loaded for a market. */
  count(slug: string): number {
    return this.series.get(slug)?.t.length ?? 0;
  }

  /** Snapshots loaded over every market. */
  total(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.t.length;
    return n;
  }

  riskScoreAt(t: number): RiskReading {
    return riskScore((slug) => this.latest(slug, t), t, this.cfg);
  }

  private latest(slug: string, t: number): ObservedPrice | null {
    const s = this.series.get(slug);
    if (!s) return null;
    // Last index with s.t[i] <= t.
    let lo = 0;
    let hi = s.t.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s.t[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : { probability: s.p[lo - 1]!, t: s.t[lo - 1]! };
  }
}

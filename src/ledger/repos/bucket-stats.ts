/** Per-bucket statistics of each mining run; also the ledger's history of evaluated buckets (the DSR's N). */
import type { Database, Statement } from "bun:sqlite";
import type { BucketStat } from "../../mining/family.ts";

export interface BucketStatsRow {
  mining_run_id: number;
  bucket_key: string;
  eligible: boolean;
  /** Every intermediate value of the bucket's evaluation. */
  stats: BucketStat;
}

export class BucketStatsRepo {
  private readonly insertStmt: Statement;
  private readonly byRun: Statement;
  private readonly evaluated: Statement;

  constructor(private readonly db: Database) {
    this.insertStmt =
      db.prepare(`INSERT INTO bucket_stats (mining_run_id, bucket_key, strategy, side, session, regime,
      vol_bucket, n_raw, n_dedup, n_eff, days, mean_r, sd_r, skew, kurtosis, psr, z, p, q, shrunk_mean, p_edge, dsr,
      oos_mean, eligible, stats) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
      ?19, ?20, ?21, ?22, ?23, ?24, ?25)`);
    this.byRun = db.prepare(
      "SELECT mining_run_id, bucket_key, eligible, stats FROM bucket_stats WHERE mining_run_id = ?1 ORDER BY bucket_key",
    );
    this.evaluated = db.prepare("SELECT DISTINCT strategy, bucket_key FROM bucket_stats WHERE eligible = 1");
  }

  insertMany(miningRunId: number, stats: readonly BucketStat[]): void {
    this.db.transaction(() => {
      for (const s of stats) {
        this.insertStmt.run(
          miningRunId,
          s.key,
          s.strategy,
          s.side,
          s.session,
          s.regime,
          s.vol_bucket,
          s.n_raw,
          s.n_dedup,
          s.n_eff,
          s.days,
          s.mean_r,
          s.sd_r,
          s.skew,
          s.kurtosis,
          s.psr,
          s.z,
          s.p,
          s.q,
          s.theta,
          s.p_edge,
          s.dsr,
          s.oos_mean,
          s.eligible ? 1 : 0,
          JSON.stringify(s),
        );
      }
    })();
  }

  listByRun(miningRunId: number): BucketStatsRow[] {
    const rows = this.byRun.all(miningRunId) as {
      mining_run_id: number;
      bucket_key: string;
      eligible: number;
      stats: string;
    }[];
    return rows.map((r) => ({
      mining_run_id: r.mining_run_id,
      bucket_key: r.bucket_key,
      eligible: r.eligible === 1,
      stats: JSON.parse(r.stats) as BucketStat,
    }));
  }

  /** Strategy → every bucket key that ever joined a family (was eligible) in any mining run. */
  evaluatedByStrategy(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of this.evaluated.all() as { strategy: string; bucket_key: string }[]) {
      const set = out.get(r.strategy) ?? new Set<string>();
      set.add(r.bucket_key);
      out.set(r.strategy, set);
    }
    return out;
  }
}

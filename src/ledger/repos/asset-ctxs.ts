/**
 * Asset contexts (mark, oracle, mid, hourly funding, open interest, premium, 24 h volume) as the
 * recorder samples them from `metaAndAssetCtxs`: idempotent inserts keyed by (coin, t), range reads.
 */
import type { Database, Statement } from "bun:sqlite";

export interface AssetCtxRow {
  coin: string;
  /** Sample time, ms UTC. */
  t: number;
  markPx: number;
  oraclePx: number | null;
  midPx: number | null;
  /** Current hourly funding rate, fraction. */
  funding: number | null;
  /** Base-asset units. */
  openInterest: number | null;
  premium: number | null;
  /** USD notional traded over the last 24 h. */
  dayNtlVlm: number | null;
}

export class AssetCtxsRepo {
  private readonly insert: Statement;
  private readonly range: Statement;
  private readonly last: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      "INSERT OR IGNORE INTO asset_ctxs (coin, t, mark_px, oracle_px, mid_px, funding, open_interest, premium, day_ntl_vlm) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    );
    this.range = db.prepare(
      "SELECT coin, t, mark_px AS markPx, oracle_px AS oraclePx, mid_px AS midPx, funding, open_interest AS openInterest, premium, day_ntl_vlm AS dayNtlVlm FROM asset_ctxs WHERE coin = ?1 AND t >= ?2 AND t < ?3 ORDER BY t",
    );
    this.last = db.prepare("SELECT MAX(t) AS t FROM asset_ctxs WHERE coin = ?1");
  }

  /** Inserts rows not yet present (same coin and t are kept as they are); returns rows added. */
  insertMany(rows: readonly AssetCtxRow[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const r of rows) {
        added += this.insert.run(
          r.coin,
          r.t,
          r.markPx,
          r.oraclePx,
          r.midPx,
          r.funding,
          r.openInterest,
          r.premium,
          r.dayNtlVlm,
        ).changes;
      }
    })();
    return added;
  }

  /** Samples with t in [from, to), oldest first. */
  list(coin: string, from = 0, to = Number.MAX_SAFE_INTEGER): AssetCtxRow[] {
    return this.range.all(coin, from, to) as AssetCtxRow[];
  }

  lastTime(coin: string): number | null {
    return (this.last.get(coin) as { t: number | null }).t;
  }
}

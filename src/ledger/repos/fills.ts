/** Exchange fills (keyed by trade id, so a replayed fill is stored once) and funding payments. */
import type { Database, Statement } from "bun:sqlite";

export interface FillRow {
  tid: number;
  oid: number;
  cloid: string | null;
  coin: string;
  side: string;
  px: string;
  sz: string;
  fee: string;
  closedPnl: string;
  t: number;
  hash: string | null;
  positionId: number | null;
}

export class FillsRepo {
  private readonly insert: Statement;
  private readonly funding: Statement;
  private readonly since: Statement;
  private readonly fundingSince: Statement;
  private readonly byCloids: Statement;

  constructor(db: Database) {
    this.insert =
      db.prepare(`INSERT OR IGNORE INTO fills (tid, oid, cloid, coin, side, px, sz, fee, closed_pnl, t, hash, position_id)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)`);
    this.funding = db.prepare(
      "INSERT OR IGNORE INTO funding_payments (coin, t, usdc, szi, rate) VALUES (?1, ?2, ?3, ?4, ?5)",
    );
    this.since = db.prepare("SELECT MAX(t) AS t FROM fills");
    this.fundingSince = db.prepare("SELECT MAX(t) AS t FROM funding_payments");
    this.byCloids = db.prepare(
      `SELECT tid, oid, cloid, coin, side, px, sz, fee, closed_pnl AS closedPnl, t, hash, position_id AS positionId
         FROM fills WHERE lower(cloid) IN (SELECT lower(value) FROM json_each(?1)) ORDER BY t, tid`,
    );
  }

  /** The stored fills of these orders (client order ids, any case), oldest first. */
  ofCloids(cloids: readonly string[]): FillRow[] {
    if (cloids.length === 0) return [];
    return this.byCloids.all(JSON.stringify(cloids)) as FillRow[];
  }

  /** Stores a fill; false when its trade id was already stored. */
  add(f: FillRow): boolean {
    return (
      this.insert.run(
        f.tid,
        f.oid,
        f.cloid,
        f.coin,
        f.side,
        f.px,
        f.sz,
        f.fee,
        f.closedPnl,
        f.t,
        f.hash,
        f.positionId,
      ).changes > 0
    );
  }

  addFunding(coin: string, t: number, usdc: string, szi: string, rate: string): void {
    this.funding.run(coin, t, usdc, szi, rate);
  }

  lastFundingTime(): number | null {
    return (this.fundingSince.get() as { t: number | null }).t;
  }

  lastFillTime(): number | null {
    return (this.since.get() as { t: number | null }).t;
  }
}

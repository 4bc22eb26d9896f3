/**
 * The latest known price of a coin: the newest asset_ctxs mark or the newest candle close,
 * whichever is more recent (a candle's price is known at its close, open time + length).
 */
import type { Database, Statement } from "bun:sqlite";
import { INTERVALS, intervalMs } from "../../core/intervals.ts";

export interface Mark {
  px: number;
  /** ms UTC the price was observed. */
  t: number;
  source: "asset_ctx" | "candle";
}

export class MarkQueries {
  private readonly ctx: Statement;
  private readonly candle: Statement;

  constructor(db: Database) {
    this.ctx = db.prepare("SELECT mark_px AS px, t FROM asset_ctxs WHERE coin = ?1 ORDER BY t DESC LIMIT 1");
    this.candle = db.prepare(
      "SELECT close AS px, t FROM candles WHERE coin = ?1 AND interval = ?2 ORDER BY t DESC LIMIT 1",
    );
  }

  latest(coin: string): Mark | null {
    let best: Mark | null = null;
    const ctx = this.ctx.get(coin) as { px: number; t: number } | null;
    if (ctx) best = { px: ctx.px, t: ctx.t, source: "asset_ctx" };
    for (const interval of INTERVALS) {
      const c = this.candle.get(coin, interval) as { px: number; t: number } | null;
      if (!c) continue;
      const closedAt = c.t + intervalMs(interval);
      if (!best || closedAt > best.t) best = { px: c.px, t: closedAt, source: "candle" };
    }
    return best;
  }
}

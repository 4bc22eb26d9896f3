/** The live path's exchange fills of a week, each with the reference price its order expected. */
import type { Database } from "bun:sqlite";
import type { IsoWeek } from "./week.ts";

export interface LiveFill {
  isBuy: boolean;
  px: string;
  sz: string;
  fee: string;
  /** The price the order's decision expected (orders.ref_px), when recorded. */
  refPx: string | null;
}

/** The live path's exchange fills in the week, each with its order's reference price. */
export function weekFills(db: Database, week: IsoWeek): LiveFill[] {
  const rows = db
    .query(
      `SELECT f.side, f.px, f.sz, f.fee, o.ref_px FROM fills f LEFT JOIN orders o ON o.cloid = f.cloid
        WHERE f.t >= ?1 AND f.t < ?2 ORDER BY f.t, f.tid`,
    )
    .all(week.from, week.to) as {
    side: string;
    px: string;
    sz: string;
    fee: string;
    ref_px: string | null;
  }[];
  return rows.map((r) => ({ isBuy: r.side === "B", px: r.px, sz: r.sz, fee: r.fee, refPx: r.ref_px }));
}

/**
 * Exchange orders, one row per cloid. The row is written (status `intent`) and committed BEFORE the
 * order is sent, so after a crash every order that may exist on the exchange is known here and can be
 * resolved by cloid — never resent blindly.
 */
import type { Database, Statement } from "bun:sqlite";

export type OrderRole = "entry" | "stop" | "partial" | "exit" | "flatten";
export type OrderStatus = "intent" | "sent" | "resting" | "filled" | "canceled" | "rejected" | "unknown";

export interface OrderRow {
  id: number;
  cloid: string;
  decision_id: number | null;
  position_id: number | null;
  coin: string;
  is_buy: number;
  role: OrderRole;
  reason: string | null;
  order_type: "ioc" | "alo" | "trigger";
  px: string;
  size: string;
  trigger_px: string | null;
  /** The price the order was based on (the tick's price; a stop's trigger), for slippage. */
  ref_px: string | null;
  reduce_only: number;
  status: OrderStatus;
  exchange_oid: number | null;
  filled_size: string;
  avg_px: string | null;
  error: string | null;
  created_at: number;
  updated_at: number;
}

export type NewOrder = Pick<
  OrderRow,
  | "cloid"
  | "decision_id"
  | "position_id"
  | "coin"
  | "role"
  | "reason"
  | "order_type"
  | "px"
  | "size"
  | "trigger_px"
  | "ref_px"
> & {
  isBuy: boolean;
  reduceOnly: boolean;
};

export class OrdersRepo {
  private readonly insert: Statement;
  private readonly setStatus: Statement;
  private readonly byCloid: Statement;
  private readonly byStatus: Statement;
  private readonly activeStops: Statement;
  private readonly attach: Statement;
  private readonly countRole: Statement;
  private readonly pendingOf: Statement;

  constructor(db: Database) {
    this.insert =
      db.prepare(`INSERT INTO orders (cloid, decision_id, position_id, coin, is_buy, role, order_type, px, size,
      trigger_px, reduce_only, status, created_at, updated_at, reason, ref_px)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'intent', ?12, ?12, ?13, ?14)
      ON CONFLICT (cloid) DO NOTHING`);
    this.setStatus = db.prepare(`UPDATE orders SET status = ?2, exchange_oid = COALESCE(?3, exchange_oid),
      filled_size = COALESCE(?4, filled_size), avg_px = COALESCE(?5, avg_px), error = ?6, updated_at = ?7 WHERE cloid = ?1`);
    this.byCloid = db.prepare("SELECT * FROM orders WHERE cloid = ?1");
    this.byStatus = db.prepare(
      "SELECT * FROM orders WHERE status IN ('intent', 'sent', 'unknown') ORDER BY id",
    );
    this.activeStops = db.prepare(
      "SELECT * FROM orders WHERE role = 'stop' AND status IN ('intent', 'sent', 'resting', 'unknown') AND position_id = ?1 ORDER BY id",
    );
    this.attach = db.prepare("UPDATE orders SET position_id = ?2, updated_at = ?3 WHERE cloid = ?1");
    this.countRole = db.prepare("SELECT COUNT(*) AS n FROM orders WHERE position_id = ?1 AND role = ?2");
    this.pendingOf = db.prepare(
      "SELECT COUNT(*) AS n FROM orders WHERE position_id = ?1 AND role != 'stop' AND status IN ('intent', 'sent', 'unknown')",
    );
  }

  /** Records the intent; false when the cloid already exists (the order was already attempted). */
  intent(o: NewOrder, now: number): boolean {
    return (
      this.insert.run(
        o.cloid,
        o.decision_id,
        o.position_id,
        o.coin,
        o.isBuy ? 1 : 0,
        o.role,
        o.order_type,
        o.px,
        o.size,
        o.trigger_px,
        o.reduceOnly ? 1 : 0,
        now,
        o.reason,
        o.ref_px,
      ).changes > 0
    );
  }

  update(
    cloid: string,
    status: OrderStatus,
    now: number,
    fields: {
      oid?: number | null;
      filled?: string | null;
      avgPx?: string | null;
      error?: string | null;
    } = {},
  ): void {
    this.setStatus.run(
      cloid,
      status,
      fields.oid ?? null,
      fields.filled ?? null,
      fields.avgPx ?? null,
      fields.error ?? null,
      now,
    );
  }

  attachPosition(cloid: string, positionId: number, now: number): void {
    this.attach.run(cloid, positionId, now);
  }

  get(cloid: string): OrderRow | null {
    return this.byCloid.get(cloid) as OrderRow | null;
  }

  /** Orders whose outcome is not known yet: resolve each by cloid before doing anything else. */
  unresolved(): OrderRow[] {
    return this.byStatus.all() as OrderRow[];
  }

  /** Orders of a role ever made for a position: the attempt number of the next one (its cloid). */
  attempts(positionId: number, role: OrderRole): number {
    return (this.countRole.get(positionId, role) as { n: number }).n;
  }

  /** True while an exit of the position has an outcome not known yet (never send another meanwhile). */
  hasPendingExit(positionId: number): boolean {
    return (this.pendingOf.get(positionId) as { n: number }).n > 0;
  }

  stopsOf(positionId: number): OrderRow[] {
    return this.activeStops.all(positionId) as OrderRow[];
  }
}

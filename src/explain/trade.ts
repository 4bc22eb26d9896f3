/**
 * The trade a decision opened: entry, every exit (partials, stop, trail, …) with its fee and
 * slippage, funding, net PnL and R — and for a live position the exchange's own orders and fills
 * (price, size, fee per fill), so the figures can be traced to what the venue reported.
 */
import type { Database } from "bun:sqlite";
import {
  type ExitRow,
  exitsOf,
  type FillRow,
  fillsOf,
  type OrderRow,
  ordersOf,
  positionOfDecision,
} from "./ledger-rows.ts";

export interface TradeReport {
  positionId: number;
  status: string;
  openedAt: number;
  entryPx: number;
  size: number;
  stopPx: number;
  targetPx: number;
  /** 1R in USDC at entry. */
  riskUsd: number;
  exits: ExitRow[];
  closedAt: number | null;
  exitPx: number | null;
  exitReason: string | null;
  grossPnl: number;
  fees: number;
  slippage: number;
  /** Paid (+) or received (−), USDC. */
  funding: number;
  netPnl: number;
  r: number | null;
  /** Live positions: the orders (with the reference price each was based on) and the exchange's fills. */
  orders: OrderRow[];
  fills: FillRow[];
}

export function tradeOf(db: Database, decisionId: number): TradeReport | null {
  const p = positionOfDecision(db, decisionId);
  if (!p) return null;
  const orders = p.mode === "live" ? ordersOf(db, p.id, decisionId) : [];
  const fills =
    p.mode === "live"
      ? fillsOf(
          db,
          p.id,
          orders.map((o) => o.cloid),
        )
      : [];
  return {
    positionId: p.id,
    status: p.status,
    openedAt: p.opened_at,
    entryPx: p.entry_px,
    size: p.initial_size,
    stopPx: p.initial_stop_px,
    targetPx: p.target_px,
    riskUsd: p.risk_usd,
    exits: exitsOf(db, p.id),
    closedAt: p.closed_at,
    exitPx: p.exit_px,
    exitReason: p.exit_reason,
    grossPnl: p.gross_pnl,
    fees: p.fees,
    slippage: p.slippage,
    funding: p.funding,
    netPnl: p.net_pnl,
    r: p.r_multiple,
    orders,
    fills,
  };
}

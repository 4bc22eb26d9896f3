/**
 * The position book of the ledger fixture: opens a position sized at 1% risk, then walks it bar by
 * bar — stop first (conservative), partial 50% at 1.5R with the stop to breakeven, target, timeout
 * after 48 bars — writing positions and position_exits rows as the engine would.
 */
import type { Database } from "bun:sqlite";
import { HOUR_MS } from "../../../src/core/clock.ts";
import type { Candle } from "../../../src/ledger/repos/candles.ts";

export interface OpenPos {
  id: number;
  coin: string;
  side: "long" | "short";
  entry: number;
  size: number;
  initialSize: number;
  stop: number;
  target: number;
  riskUsd: number;
  partialDone: boolean;
  openedAt: number;
  gross: number;
  fees: number;
  exitNotional: number;
}

export interface Book {
  mode: "shadow" | "live";
  cash: number;
  peak: number;
  dayStart: number;
  day: number;
  open: OpenPos[];
  maxOpen: number;
}

export interface Entry {
  runId: number;
  decisionId: number;
  coin: string;
  side: "long" | "short";
  strategy: string;
  session: string;
  regime: string;
  volBucket: string;
  setupKey: string;
  now: number;
  entry: number;
  stop: number;
  target: number;
}

const TIMEOUT_BARS = 48;

export function openPosition(db: Database, book: Book, e: Entry, feeRate: number): void {
  const riskUsd = book.cash * 0.01;
  const size = riskUsd / Math.abs(e.entry - e.stop);
  const fee = feeRate * e.entry * size;
  book.cash -= fee;
  const row = db
    .query(
      `INSERT INTO positions (run_id, decision_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key,
        sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px, risk_usd,
        best_px, fees, net_pnl, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'v4', 'open', ?11, ?12, ?13, ?13, ?14, ?14, ?15, ?16, ?12, ?17, ?18, ?11)
       RETURNING id`,
    )
    .get(
      e.runId,
      e.decisionId,
      book.mode,
      e.coin,
      e.side,
      e.strategy,
      e.session,
      e.regime,
      e.volBucket,
      e.setupKey,
      e.now,
      e.entry,
      size,
      e.stop,
      e.target,
      riskUsd,
      fee,
      -fee,
    ) as { id: number };
  book.open.push({
    id: row.id,
    coin: e.coin,
    side: e.side,
    entry: e.entry,
    size,
    initialSize: size,
    stop: e.stop,
    target: e.target,
    riskUsd,
    partialDone: false,
    openedAt: e.now,
    gross: 0,
    fees: fee,
    exitNotional: 0,
  });
}

export function managePosition(
  db: Database,
  book: Book,
  coin: string,
  bar: Candle,
  now: number,
  feeRate: number,
): void {
  const p = book.open.find((x) => x.coin === coin);
  if (!p || p.openedAt > bar.t) return;
  const dir = p.side === "long" ? 1 : -1;
  const exit = (px: number, size: number, reason: string) => {
    const pnl = dir * (px - p.entry) * size;
    const fee = feeRate * px * size;
    book.cash += pnl - fee;
    p.gross += pnl;
    p.fees += fee;
    p.size -= size;
    p.exitNotional += px * size;
    db.query(
      "INSERT INTO position_exits (position_id, t, px, size, reason, fee, pnl) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    ).run(p.id, now, px, size, reason, fee, pnl - fee);
  };
  const hitStop = dir > 0 ? bar.low <= p.stop : bar.high >= p.stop;
  if (hitStop) exit(p.stop, p.size, p.partialDone ? "breakeven" : "stop");
  else {
    const partialPx = p.entry + dir * 1.5 * (p.riskUsd / p.initialSize);
    if (!p.partialDone && (dir > 0 ? bar.high >= partialPx : bar.low <= partialPx)) {
      exit(partialPx, p.size / 2, "partial");
      p.partialDone = true;
      p.stop = p.entry;
    }
    if (dir > 0 ? bar.high >= p.target : bar.low <= p.target) exit(p.target, p.size, "target");
    else if (now - p.openedAt >= TIMEOUT_BARS * HOUR_MS) exit(bar.close, p.size, "timeout");
  }
  const closed = p.size <= p.initialSize * 1e-9;
  const net = p.gross - p.fees;
  db.query(
    `UPDATE positions SET size = ?2, stop_px = ?3, partial_done = ?4, gross_pnl = ?5, fees = ?6, net_pnl = ?7,
       status = ?8, closed_at = ?9, exit_px = ?10, exit_reason = ?11, r_multiple = ?12, updated_at = ?13 WHERE id = ?1`,
  ).run(
    p.id,
    closed ? 0 : p.size,
    p.stop,
    p.partialDone ? 1 : 0,
    p.gross,
    p.fees,
    net,
    closed ? "closed" : "open",
    closed ? now : null,
    closed ? p.exitNotional / p.initialSize : null,
    closed ? lastReason(db, p.id) : null,
    closed ? net / p.riskUsd : null,
    now,
  );
  if (closed) book.open.splice(book.open.indexOf(p), 1);
}

function lastReason(db: Database, id: number): string {
  return (
    db.query("SELECT reason FROM position_exits WHERE position_id = ?1 ORDER BY id DESC LIMIT 1").get(id) as {
      reason: string;
    }
  ).reason;
}

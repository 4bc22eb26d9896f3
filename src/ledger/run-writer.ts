/**
 * The ledger side of a stored backtest, written once at the end instead of row by row: decisions,
 * positions (as they ended), their exits and the equity curve are kept as flat value arrays while
 * the replay runs and inserted in one transaction by multi-row prepared statements. Row-by-row
 * writes were most of a stored run (21k decisions, 18k positions rewritten at every batch, 24k
 * exits, 38k equity points: 1.7 s of a 2.5 s process).
 *
 * The rows are exactly what the row-by-row journal (src/engine/journals.ts, deferred mode) left in
 * the ledger: ids are handed out as SQLite would (one past the largest), a decision repeated within
 * the run keeps its first id (the unique key's ON CONFLICT DO NOTHING), a position row holds its
 * values at entry overwritten by its state at the last batch boundary where it had changed, and an
 * equity point replaces an earlier one at the same (mode, t). When another process inserted rows
 * meanwhile, the run's ids move up past them — in the rows and in the Position objects, so the
 * summary reports the stored ids.
 */
import type { Database, Statement } from "bun:sqlite";
import type { Clock } from "../core/clock.ts";
import type { DecisionRecord, EquitySnapshot, Journal } from "../engine/ports.ts";
import type { Position, PositionExit } from "../engine/position.ts";
import {
  DECISION_VALUE_COLUMNS,
  decisionValues,
  POSITION_ENTRY_COLUMNS,
  POSITION_STATE_COLUMNS,
  positionEntryValues,
  positionStateValues,
} from "./row-values.ts";

const DECISION_COLUMNS = `id, run_id, created_at, ${DECISION_VALUE_COLUMNS}`;
const DECISION_WIDTH = columnCount(DECISION_COLUMNS);
/** After the entry columns: the state a position starts in (later rewritten), external, updated_at. */
const POSITION_COLUMNS = `id, ${POSITION_ENTRY_COLUMNS}, partial_done, trail_active, best_px, closed_at, exit_px,
  exit_reason, gross_pnl, fees, slippage, funding, net_pnl, r_multiple, external, updated_at`;
const POSITION_WIDTH = columnCount(POSITION_COLUMNS);
const EXIT_COLUMNS = "position_id, t, px, size, reason, fee, slippage, pnl";
const EXIT_WIDTH = 8;
const EQUITY_COLUMNS = "run_id, mode, t, equity, peak, drawdown, day_pnl, open_positions";
const EQUITY_WIDTH = 8;
function columnNames(columns: string): string[] {
  return columns.split(",").map((c) => c.trim());
}
function columnCount(columns: string): number {
  return columnNames(columns).length;
}
/** Rows per multi-row INSERT (37 columns × 200 stays far below SQLite's 32,766 bound parameters). */
const ROWS_PER_STATEMENT = 200;

/** Position row slots (POSITION_COLUMNS order) that an update overwrites, in positionStateValues' order. */
const UPDATED_SLOTS = POSITION_STATE_COLUMNS.map((c) => columnNames(POSITION_COLUMNS).indexOf(c));

export class RunLedgerWriter implements Journal {
  private readonly decisions: unknown[] = [];
  private readonly decisionIds = new Map<string, number>();
  /** Each position's row as at entry, in id order (index = id − firstPositionId). */
  private readonly positionRows: unknown[][] = [];
  private readonly positionObjects: Position[] = [];
  /** Positions changed since the last flush, with the time of their latest change. */
  private readonly dirty = new Map<Position, number>();
  private readonly exits: { position: Position; row: unknown[] }[] = [];
  private readonly equity = new Map<string, unknown[]>();
  private readonly firstDecisionId: number;
  private readonly firstPositionId: number;

  constructor(
    private readonly db: Database,
    private readonly runId: number,
    private readonly clock: Clock,
  ) {
    this.firstDecisionId = maxId(db, "decisions") + 1;
    this.firstPositionId = maxId(db, "positions") + 1;
  }

  recordDecision(d: DecisionRecord): number {
    const c = d.candidate;
    const key = `${d.mode}\u0000${c.strategy}\u0000${c.coin}\u0000${c.timeframe}\u0000${c.candleT}`;
    const known = this.decisionIds.get(key);
    if (known !== undefined) return known;
    const id = this.firstDecisionId + this.decisionIds.size;
    this.decisionIds.set(key, id);
    this.decisions.push(id, this.runId, this.clock.now(), ...decisionValues(d));
    return id;
  }

  openPosition(p: Position): number {
    const id = this.firstPositionId + this.positionRows.length;
    this.positionObjects.push(p);
    this.positionRows.push([
      id,
      ...positionEntryValues(p),
      0,
      0,
      p.bestPx,
      null,
      null,
      null,
      0,
      p.fees,
      p.slippage,
      0,
      0,
      null,
      p.external ? 1 : 0,
      p.openedAt,
    ]);
    return id;
  }

  updatePosition(p: Position): void {
    this.dirty.set(p, this.clock.now());
  }

  /** A batch boundary: each changed position's row takes its state as it is now. */
  flush(): void {
    for (const [p, t] of this.dirty) {
      const row = this.positionRows[p.id - this.firstPositionId];
      if (!row) continue;
      const values = positionStateValues(p, t);
      for (let i = 0; i < UPDATED_SLOTS.length; i++) row[UPDATED_SLOTS[i]!] = values[i];
    }
    this.dirty.clear();
  }

  recordExit(p: Position, e: PositionExit): void {
    this.exits.push({ position: p, row: [p.id, e.t, e.px, e.size, e.reason, e.fee, e.slippage, e.pnl] });
  }

  recordEquity(s: EquitySnapshot): void {
    this.equity.set(`${s.mode}\u0000${s.t}`, [
      this.runId,
      s.mode,
      s.t,
      s.equity,
      s.peak,
      s.drawdown,
      s.dayPnl,
      s.openPositions,
    ]);
  }

  /**
   * Writes every buffered row in one immediate transaction (call once, after the last flush). Ids
   * taken by another writer since the run began shift this run's ids up, in the rows and in the
   * positions' `id` / `decisionId`.
   */
  write(): void {
    this.flush();
    this.db
      .transaction(() => {
        const decisionShift = Math.max(0, maxId(this.db, "decisions") + 1 - this.firstDecisionId);
        const positionShift = Math.max(0, maxId(this.db, "positions") + 1 - this.firstPositionId);
        if (decisionShift || positionShift) this.shift(decisionShift, positionShift);
        insertRows(this.db, "INSERT INTO decisions", DECISION_COLUMNS, DECISION_WIDTH, this.decisions);
        insertRows(
          this.db,
          "INSERT INTO positions",
          POSITION_COLUMNS,
          POSITION_WIDTH,
          this.positionRows.flat(),
        );
        insertRows(
          this.db,
          "INSERT INTO position_exits",
          EXIT_COLUMNS,
          EXIT_WIDTH,
          this.exits.flatMap((x) => x.row),
        );
        insertRows(
          this.db,
          "INSERT OR REPLACE INTO equity_snapshots",
          EQUITY_COLUMNS,
          EQUITY_WIDTH,
          [...this.equity.values()].flat(),
        );
      })
      .immediate();
  }

  private shift(decisions: number, positions: number): void {
    for (let i = 0; i < this.decisions.length; i += DECISION_WIDTH)
      (this.decisions[i] as number) += decisions;
    for (const row of this.positionRows) {
      row[0] = (row[0] as number) + positions;
      if (row[2] !== null) row[2] = (row[2] as number) + decisions;
    }
    for (const p of this.positionObjects) {
      p.id += positions;
      if (p.decisionId !== null) p.decisionId += decisions;
    }
    for (const x of this.exits) x.row[0] = x.position.id;
  }
}

function maxId(db: Database, table: "decisions" | "positions"): number {
  return (db.query(`SELECT COALESCE(MAX(id), 0) AS id FROM ${table}`).get() as { id: number }).id;
}

/** Inserts `values` (rows of `width` values, flattened) with multi-row prepared statements. */
export function insertRows(
  db: Database,
  head: string,
  columns: string,
  width: number,
  values: unknown[],
): void {
  const rows = values.length / width;
  const statement = (n: number): Statement => {
    const one = `(${new Array(width).fill("?").join(",")})`;
    return db.prepare(`${head} (${columns}) VALUES ${new Array(n).fill(one).join(",")}`);
  };
  const full = rows >= ROWS_PER_STATEMENT ? statement(ROWS_PER_STATEMENT) : null;
  const chunk = ROWS_PER_STATEMENT * width;
  let at = 0;
  for (; full && at + chunk <= values.length; at += chunk)
    full.run(...(values.slice(at, at + chunk) as never[]));
  const rest = (values.length - at) / width;
  if (rest > 0) statement(rest).run(...(values.slice(at) as never[]));
  full?.finalize();
}

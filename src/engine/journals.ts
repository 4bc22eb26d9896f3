/**
 * Journal adapters: the ledger (daemon and stored backtests) and memory (sweeps, tests). The engine
 * cannot tell them apart.
 */
import type { Database } from "bun:sqlite";
import type { Clock } from "../core/clock.ts";
import { DecisionsRepo } from "../ledger/repos/decisions.ts";
import { EquityRepo } from "../ledger/repos/equity.ts";
import { PositionsRepo } from "../ledger/repos/positions.ts";
import type { DecisionRecord, EquitySnapshot, Journal } from "./ports.ts";
import type { Position, PositionExit } from "./position.ts";

export class LedgerJournal implements Journal {
  private readonly decisions: DecisionsRepo;
  private readonly positions: PositionsRepo;
  private readonly equity: EquityRepo;
  /** Positions changed since the last flush, with the time of their latest change (deferred mode). */
  private readonly dirty = new Map<Position, number>();

  /**
   * @param deferUpdates write position updates at flush() instead of on every change. Stored
   *   backtests use it: every open position pays funding every hour, and rewriting its row each time
   *   was most of a stored run (1.6 of 3.2 s on the full data set). The daemon writes through, so a
   *   restart always finds the latest stop and funding.
   */
  constructor(
    db: Database,
    runId: number,
    private readonly clock: Clock,
    private readonly deferUpdates = false,
  ) {
    this.decisions = new DecisionsRepo(db, runId);
    this.positions = new PositionsRepo(db);
    this.equity = new EquityRepo(db, runId);
  }

  recordDecision(d: DecisionRecord): number {
    return this.decisions.record(d, this.clock.now());
  }
  openPosition(p: Position): number {
    return this.positions.insertPosition(p);
  }
  updatePosition(p: Position): void {
    if (this.deferUpdates) this.dirty.set(p, this.clock.now());
    else this.positions.updatePosition(p, this.clock.now());
  }
  /** Writes the deferred position updates (each position once, as it is now). */
  flush(): void {
    for (const [p, t] of this.dirty) this.positions.updatePosition(p, t);
    this.dirty.clear();
  }
  recordExit(p: Position, exit: PositionExit): void {
    this.positions.addExit(p.id, exit);
  }
  recordEquity(s: EquitySnapshot): void {
    this.equity.record(s);
  }
}

/** Keeps everything in arrays: closed trades and the equity curve are read back by the caller. */
export class MemoryJournal implements Journal {
  readonly decisions: DecisionRecord[] = [];
  readonly positions: Position[] = [];
  readonly equity: EquitySnapshot[] = [];

  recordDecision(d: DecisionRecord): number {
    this.decisions.push(d);
    return this.decisions.length;
  }
  openPosition(p: Position): number {
    this.positions.push(p);
    return this.positions.length;
  }
  updatePosition(): void {}
  recordExit(): void {}
  recordEquity(s: EquitySnapshot): void {
    this.equity.push(s);
  }
}

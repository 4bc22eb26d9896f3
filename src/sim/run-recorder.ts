/**
 * The journal of a backtest: keeps what the summary is computed from (every position, the live
 * path's equity curve), tells the run's event log what became of each live candidate, and passes
 * everything on to the ledger when the run is stored (buffered by RunLedgerWriter, written by
 * write() once the replay is over). The engine cannot tell it from the daemon's.
 */
import type { DecisionRecord, EquitySnapshot, Journal } from "../engine/ports.ts";
import type { Position, PositionExit } from "../engine/position.ts";
import type { RunLedgerWriter } from "../ledger/run-writer.ts";
import type { EquityPoint } from "../report/account-stats.ts";
import type { RunEventLog } from "../report/run-events.ts";

export class RunRecorder implements Journal {
  readonly positions: Position[] = [];
  readonly liveEquity: EquityPoint[] = [];
  private decisions = 0;

  constructor(
    private readonly events: RunEventLog,
    private readonly ledger: RunLedgerWriter | null,
  ) {}

  recordDecision(d: DecisionRecord): number {
    if (d.mode === "live") this.events.onLiveDecision(d.verdict, d.reasons);
    this.decisions++;
    return this.ledger ? this.ledger.recordDecision(d) : this.decisions;
  }
  openPosition(p: Position): number {
    this.positions.push(p);
    return this.ledger ? this.ledger.openPosition(p) : this.positions.length;
  }
  updatePosition(p: Position): void {
    this.ledger?.updatePosition(p);
  }
  recordExit(p: Position, exit: PositionExit): void {
    this.ledger?.recordExit(p, exit);
  }
  recordEquity(s: EquitySnapshot): void {
    if (s.mode === "live") this.liveEquity.push({ t: s.t, equity: s.equity });
    this.ledger?.recordEquity(s);
  }
  flush(): void {
    this.ledger?.flush();
  }
  /** Stores the run's rows (a stored run; call once, after the last flush). */
  write(): void {
    this.ledger?.write();
  }
}

/**
 * Account state of one path: equity (realized + unrealized at the tick's marks), peak, drawdown and
 * the UTC day's PnL. The kill switch and the daily halt read it; equity snapshots record it.
 */
import { utcDayStart } from "../core/clock.ts";
import type { EquitySnapshot } from "./ports.ts";
import type { Mode } from "./position.ts";

export interface AccountState {
  realized: number;
  peak: number;
  dayStart: number;
  dayStartEquity: number;
}

export class EquityTracker {
  private state: AccountState;
  private lastEquity: number;

  constructor(
    readonly mode: Mode,
    readonly startEquity: number,
    restored?: AccountState,
  ) {
    this.state = restored ?? { realized: 0, peak: startEquity, dayStart: 0, dayStartEquity: startEquity };
    this.lastEquity = startEquity + this.state.realized;
  }

  /** Books a realized net PnL (exit PnL net of fees, or funding as a negative amount). */
  realize(amount: number): void {
    this.state.realized += amount;
  }

  get cash(): number {
    return this.startEquity + this.state.realized;
  }

  get equity(): number {
    return this.lastEquity;
  }

  /** Marks the account at `now` with the open positions' unrealized PnL. */
  mark(now: number, unrealized: number, openPositions: number): EquitySnapshot {
    return this.markEquity(now, this.cash + unrealized, openPositions);
  }

  /** Marks the account at an equity reported by the venue (the live account value). */
  markEquity(now: number, equity: number, openPositions: number): EquitySnapshot {
    this.lastEquity = equity;
    const day = utcDayStart(now);
    if (day !== this.state.dayStart) {
      this.state.dayStart = day;
      this.state.dayStartEquity = equity;
    }
    if (equity > this.state.peak) this.state.peak = equity;
    const drawdown = this.state.peak > 0 ? (this.state.peak - equity) / this.state.peak : 0;
    return {
      mode: this.mode,
      t: now,
      equity,
      peak: this.state.peak,
      drawdown,
      dayPnl: equity - this.state.dayStartEquity,
      openPositions,
    };
  }

  /** Drawdown is measured from the last marked equity from now on (a resume that accepts the loss). */
  rebasePeak(): void {
    this.state.peak = this.lastEquity;
  }

  /** State to persist across restarts (the peak must survive, or a restart resets the kill switch). */
  snapshotState(): AccountState {
    return { ...this.state };
  }
}

/**
 * The start-up halt after consecutive losing weeks of LIVE trading: `hlbot trade` refuses to start
 * (exit 2) once the closed live trades show `risk.losing_weeks_halt` losing ISO weeks in a row, until
 * a human looks and starts it with `--force`.
 */
import type { Database } from "bun:sqlite";
import { BotError } from "../core/errors.ts";
import { OpenPositionsRepo } from "../ledger/repos/open-positions.ts";
import { consecutiveLosingWeeks } from "../risk/halts.ts";

export class LosingWeeksError extends BotError {
  readonly kind = "losing_weeks";
  override readonly exitCode = 2;
  constructor(
    message: string,
    readonly weeks: number,
    readonly limit: number,
  ) {
    super(message);
  }
}

/** Throws LosingWeeksError when the streak reaches `limit`; returns the streak otherwise. */
export function checkLosingWeeks(db: Database, now: number, limit: number): number {
  const weeks = consecutiveLosingWeeks(new OpenPositionsRepo(db).closedResults(0, "live"), now);
  if (weeks >= limit) {
    throw new LosingWeeksError(
      `start-up halt: ${weeks} consecutive losing weeks of live trading (risk.losing_weeks_halt = ${limit}); review the trades, then start with --force`,
      weeks,
      limit,
    );
  }
  return weeks;
}

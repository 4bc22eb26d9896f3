/**
 * Bad input to the overfitting statistics (PBO/CSCV, MinBTL, FWER, sweep selection): an odd block count,
 * a ragged or non-finite performance matrix, a p-value outside [0, 1]. Most reach them from a user's
 * flag or config key (e.g. the sweep's block count), so the CLI exits 2 naming `param`.
 */
import { BotError } from "../core/errors.ts";

export class StatsInputError extends BotError {
  readonly kind = "stats_input";
  override readonly exitCode = 2;
  constructor(
    /** The parameter at fault, e.g. `blocks` or `trials[3]`. */
    readonly param: string,
    detail: string,
  ) {
    super(`${param}: ${detail}`);
  }
}

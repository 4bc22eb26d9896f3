/** Errors of the run browser and of `--rerun`: all the user's to fix, so each exits 2 with the reason. */
import { BotError } from "../core/errors.ts";

/** No run with that id in the ledger the command reads. */
export class RunNotFoundError extends BotError {
  readonly kind = "run_not_found";
  override readonly exitCode = 2;
  constructor(
    readonly runId: number,
    ledger: string,
  ) {
    super(`no run ${runId} in ${ledger} (hlbot runs lists them; --db picks another ledger)`);
  }
}

/** The run may not be deleted (a daemon session, or one whose mining decided promotions). */
export class RunNotDeletableError extends BotError {
  readonly kind = "run_not_deletable";
  override readonly exitCode = 2;
}

/** `--rerun N` cannot reproduce run N as asked (data or binary changed, not a single run, no inputs). */
export class RerunRefusedError extends BotError {
  readonly kind = "rerun_refused";
  override readonly exitCode = 2;
}

/** Typed errors of the mining job and of reading live_candidates.json. */
import { BotError } from "../core/errors.ts";

export type LiveCandidatesProblem = "missing" | "unreadable" | "invalid_json" | "invalid_schema";

/** live_candidates.json cannot be used; the live gate must then treat every bucket as not promoted. */
export class LiveCandidatesFileError extends BotError {
  readonly kind = "live_candidates";
  /** A command that needs the file (backtest's live path, promote) stops on it as on any bad input. */
  override readonly exitCode = 2;
  constructor(
    readonly path: string,
    readonly problem: LiveCandidatesProblem,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${problem.replace("_", " ")}: ${detail}`, options);
  }
}

/**
 * Why a poll of a prediction market gave no price. The source counts them and keeps serving the last
 * good price with its age; nothing here ever reaches a tick as an exception.
 */
import { BotError } from "../core/errors.ts";

export type PredictionFetchFailure = "timeout" | "network" | "http" | "schema" | "not_found";

export class PredictionFetchError extends BotError {
  readonly kind = "prediction_fetch";
  constructor(
    readonly failure: PredictionFetchFailure,
    readonly slug: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`prediction market ${slug}: ${message}`, options);
  }
}

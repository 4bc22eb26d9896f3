/**
 * The API's typed errors. A bad query parameter is the caller's fault (400, message names the
 * parameter); a refused bind is a usage error of `hlbot serve` / `hlbot trade` (exit 2).
 */
import { BotError } from "../core/errors.ts";

/**
 * A request the API will not answer as asked: bad parameter (400), missing/wrong token (401), or a
 * thing it names that does not exist (404: an unknown run, decision or coin).
 */
export class ApiRequestError extends BotError {
  readonly kind = "api_request";
  constructor(
    readonly status: 400 | 401 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** Binding beyond loopback without --allow-remote and a token, or the port is taken. */
export class ApiBindError extends BotError {
  readonly kind = "api_bind";
  override readonly exitCode = 2;
}

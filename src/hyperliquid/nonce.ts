/**
 * Nonces for one signing key: whole-ms timestamps made strictly increasing (`max(floor(now), last +
 * 1)`; the nonce is signed as a u64, so a clock with fractional ms must not leak into it). The node
 * keeps each signer's 100 highest nonces and only accepts values within (blockTime − 2 days,
 * blockTime + 1 day), so one NonceManager per key, shared by everything that signs with it.
 */
import type { Clock } from "../core/clock.ts";
import { NonceError } from "./errors.ts";

/** How far ahead of the clock a nonce may run before the node would reject it (1 day, minus margin). */
export const MAX_NONCE_LEAD_MS = 23 * 3_600_000;

export class NonceManager {
  #last = 0;

  constructor(private readonly clock: Clock) {}

  next(): number {
    const now = Math.floor(this.clock.now());
    const nonce = Math.max(now, this.#last + 1);
    if (nonce - now > MAX_NONCE_LEAD_MS) {
      throw new NonceError(
        `nonce ${nonce} runs ${nonce - now} ms ahead of the clock; the node would reject it`,
      );
    }
    this.#last = nonce;
    return nonce;
  }

  /** The last nonce issued (0 before the first). */
  get last(): number {
    return this.#last;
  }
}

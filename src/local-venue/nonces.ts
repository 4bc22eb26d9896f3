/**
 * Hyperliquid's nonce rule per signer: a nonce must lie in (now − 2 days, now + 1 day), must not be
 * one of the signer's 100 highest nonces, and must be larger than the smallest of them once 100 are
 * kept. Messages are the node's verbatim ("Invalid nonce: duplicate nonce N", …).
 */
import { DAY_MS } from "../core/clock.ts";

const KEPT_PER_SIGNER = 100;

export class NonceBook {
  private readonly kept = new Map<string, number[]>();

  /** Window check against the exchange's time; returns the refusal or null. */
  checkWindow(nonce: number, now: number): string | null {
    const least = now - 2 * DAY_MS;
    const most = now + DAY_MS;
    if (nonce <= least) return `Invalid nonce: nonce too low ${nonce} < ${least}`;
    if (nonce >= most) return `Invalid nonce: nonce too high ${nonce} > ${most}`;
    return null;
  }

  /** Checks and records `nonce` for `signer`; returns the refusal or null. */
  use(signer: string, nonce: number): string | null {
    const list = this.kept.get(signer) ?? [];
    if (list.includes(nonce)) return `Invalid nonce: duplicate nonce ${nonce}`;
    if (list.length >= KEPT_PER_SIGNER && nonce < list[0]!) {
      return `Invalid nonce: nonce too low ${nonce} < ${list[0]}`;
    }
    list.push(nonce);
    list.sort((a, b) => a - b);
    if (list.length > KEPT_PER_SIGNER) list.shift();
    this.kept.set(signer, list);
    return null;
  }
}

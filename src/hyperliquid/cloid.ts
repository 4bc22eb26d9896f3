/**
 * Client order ids: 0x + 32 lowercase hex (128 bits). A cloid is how an order whose outcome is
 * unknown (timeout, 5xx) gets found again, so the daemon should derive it deterministically from
 * the decision that produced the order: re-running that decision yields the same cloid, and the
 * exchange refuses a second order with a cloid it already has.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { InvalidOrderError } from "./errors.ts";

const CLOID_RE = /^0x[0-9a-f]{32}$/;
const CLOID_BYTES = 16;

export function isCloid(value: string): boolean {
  return CLOID_RE.test(value.toLowerCase());
}

/** The lowercase cloid, or InvalidOrderError. */
export function assertCloid(cloid: string): string {
  const lower = cloid.toLowerCase();
  if (!CLOID_RE.test(lower)) throw new InvalidOrderError("cloid must be 0x + 32 hex digits");
  return lower;
}

/** Deterministic cloid: the first 16 bytes of keccak256 of the parts joined by "|". */
export function deriveCloid(...parts: (string | number)[]): string {
  return `0x${bytesToHex(keccak_256(utf8ToBytes(parts.map(String).join("|"))).slice(0, CLOID_BYTES))}`;
}

export function randomCloid(): string {
  return `0x${bytesToHex(randomBytes(CLOID_BYTES))}`;
}

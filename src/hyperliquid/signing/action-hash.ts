/**
 * The L1 action hash ("connectionId"): keccak256(msgpack(action) ‖ nonce u64 BE ‖ vault flag
 * [‖ 20-byte vault] [‖ 0x00 ‖ expiresAfter u64 BE]). msgpack keeps insertion order and the node
 * hashes its own struct order, so actions must be built with keys in the documented order.
 */
import { encode } from "@msgpack/msgpack";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { concatBytes } from "@noble/hashes/utils.js";
import { fromHex, uint64Bytes } from "./hex.ts";

/** What identifies one signed action besides the action itself. */
export interface ActionEnvelope {
  nonce: number;
  /** Sub-account or vault acted for; absent for the signer's own (or its master's) account. */
  vaultAddress?: string | undefined;
  /** Epoch ms after which the node must reject the action. */
  expiresAfter?: number | undefined;
}

/** msgpack exactly like Python `msgpack.packb`: str not bin, smallest ints, absent keys not nil. */
export function encodeAction(action: unknown): Uint8Array {
  return encode(action, { ignoreUndefined: true });
}

export function actionHash(action: unknown, envelope: ActionEnvelope): Uint8Array {
  const parts: Uint8Array[] = [encodeAction(action), uint64Bytes(envelope.nonce)];
  if (envelope.vaultAddress === undefined) parts.push(Uint8Array.of(0));
  else parts.push(Uint8Array.of(1), fromHex(envelope.vaultAddress, 20));
  if (envelope.expiresAfter !== undefined) parts.push(Uint8Array.of(0), uint64Bytes(envelope.expiresAfter));
  return keccak_256(concatBytes(...parts));
}

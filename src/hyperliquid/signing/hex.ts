/** Hex ⇄ bytes at the signing boundary: `0x`-prefixed, strict, lowercase out. */
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { InvalidNumberError } from "../errors.ts";

export type Hex = `0x${string}`;

const HEX_RE = /^0x[0-9a-fA-F]*$/;
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export function toHex(bytes: Uint8Array): Hex {
  return `0x${bytesToHex(bytes)}`;
}

/** Bytes of a `0x` hex string; `length` (bytes) is checked when given. */
export function fromHex(hex: string, length?: number): Uint8Array {
  if (!HEX_RE.test(hex) || hex.length % 2 !== 0) throw new InvalidNumberError("malformed hex string");
  const bytes = hexToBytes(hex.slice(2));
  if (length !== undefined && bytes.length !== length) {
    throw new InvalidNumberError(`expected ${length} bytes of hex, got ${bytes.length}`);
  }
  return bytes;
}

export function isAddress(value: string): value is Hex {
  return ADDRESS_RE.test(value);
}

/** Lowercased address (what goes into actions and what recovery returns). */
export function normalizeAddress(address: string): Hex {
  if (!isAddress(address)) throw new InvalidNumberError(`not an address: ${address}`);
  return address.toLowerCase() as Hex;
}

/** A 32-byte big-endian unsigned integer (hex, r/s as the exchange expects: 0x + 64 digits). */
export function uint256Hex(value: bigint): Hex {
  return `0x${value.toString(16).padStart(64, "0")}`;
}

/** 8-byte big-endian uint64 (nonce, expiresAfter). */
export function uint64Bytes(value: number | bigint): Uint8Array {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 64n) throw new InvalidNumberError(`${value} is not a uint64`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, false);
  return out;
}

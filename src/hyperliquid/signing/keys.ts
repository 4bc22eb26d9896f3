/**
 * secp256k1 over a precomputed 32-byte digest (no further hashing, RFC6979, low-s), Ethereum-style
 * `{r, s, v}` signatures and address derivation. Keys are raw bytes here; only Signer holds them.
 */
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { InvalidNumberError } from "../errors.ts";
import { fromHex, type Hex, toHex, uint256Hex } from "./hex.ts";

/** Ethereum signature as Hyperliquid's /exchange body carries it. */
export interface Signature {
  r: Hex;
  s: Hex;
  v: number;
}

/** A signature as received (e.g. parsed from a request body): r/s hex of any length, v 27/28. */
export interface SignatureLike {
  r: string;
  s: string;
  v: number;
}

/** Ethereum `v` of recovery id 0; the other one is 28. */
const V_BASE = 27;

/** Address (lowercase) of an uncompressed public key: last 20 bytes of keccak256(x ‖ y). */
function addressOfPublicKey(uncompressed: Uint8Array): Hex {
  return toHex(keccak_256(uncompressed.slice(1)).slice(12));
}

export function privateKeyBytes(privateKey: string): Uint8Array {
  const bytes = fromHex(privateKey, 32);
  if (!secp256k1.utils.isValidSecretKey(bytes)) throw new InvalidNumberError("invalid secp256k1 private key");
  return bytes;
}

export function addressFromPrivateKey(privateKey: string | Uint8Array): Hex {
  const key = typeof privateKey === "string" ? privateKeyBytes(privateKey) : privateKey;
  return addressOfPublicKey(secp256k1.getPublicKey(key, false));
}

export function signDigest(digest: Uint8Array, key: Uint8Array): Signature {
  // "recovered" format is [recoveryId, r(32), s(32)].
  const sig = secp256k1.sign(digest, key, { prehash: false, format: "recovered", lowS: true });
  return {
    r: toHex(sig.slice(1, 33)),
    s: toHex(sig.slice(33, 65)),
    v: V_BASE + (sig[0] ?? 0),
  };
}

/** Parses r/s given as hex of any length (the Python SDK strips leading zeros). */
function scalar(hex: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(hex)) throw new InvalidNumberError("malformed signature scalar");
  return fromHex(uint256Hex(BigInt(hex)), 32);
}

/** Address that produced `signature` over `digest`. Throws InvalidNumberError for a malformed one. */
export function recoverAddress(digest: Uint8Array, signature: SignatureLike): Hex {
  const recovery = signature.v - V_BASE;
  if (recovery !== 0 && recovery !== 1) throw new InvalidNumberError(`signature v must be 27 or 28`);
  const sig = new Uint8Array(65);
  sig[0] = recovery;
  sig.set(scalar(signature.r), 1);
  sig.set(scalar(signature.s), 33);
  try {
    const compressed = secp256k1.recoverPublicKey(sig, digest, { prehash: false });
    return addressOfPublicKey(secp256k1.Point.fromBytes(compressed).toBytes(false));
  } catch (cause) {
    throw new InvalidNumberError("signature does not recover to a public key", { cause });
  }
}

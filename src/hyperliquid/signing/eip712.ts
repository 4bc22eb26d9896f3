/**
 * Minimal EIP-712 hashing for the flat structs Hyperliquid signs (Agent, UsdSend, Withdraw,
 * ApproveAgent): field types string, address, bool, bytes32 and uintN. No nested structs needed.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { concatBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { InvalidNumberError } from "../errors.ts";
import { fromHex, type Hex } from "./hex.ts";

export type FieldType = "string" | "address" | "bool" | "bytes32" | "uint64" | "uint256";

export interface TypedField {
  name: string;
  type: FieldType;
}

export interface Eip712Domain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Hex;
}

export type FieldValue = string | number | bigint | boolean | Uint8Array;

const DOMAIN_FIELDS: TypedField[] = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];

export function typeHash(primaryType: string, fields: readonly TypedField[]): Uint8Array {
  return keccak_256(utf8ToBytes(`${primaryType}(${fields.map((f) => `${f.type} ${f.name}`).join(",")})`));
}

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function encodeField(field: TypedField, value: FieldValue | undefined): Uint8Array {
  if (value === undefined) throw new InvalidNumberError(`EIP-712 field ${field.name} is missing`);
  switch (field.type) {
    case "string":
      return keccak_256(utf8ToBytes(String(value)));
    case "address": {
      const out = new Uint8Array(32);
      out.set(fromHex(String(value), 20), 12);
      return out;
    }
    case "bool":
      return word(value ? 1n : 0n);
    case "bytes32": {
      const bytes = value instanceof Uint8Array ? value : fromHex(String(value));
      if (bytes.length !== 32) throw new InvalidNumberError(`EIP-712 field ${field.name} must be 32 bytes`);
      return bytes;
    }
    case "uint64":
    case "uint256": {
      const v = typeof value === "bigint" ? value : BigInt(value as number | string);
      if (v < 0n) throw new InvalidNumberError(`EIP-712 field ${field.name} must be unsigned`);
      return word(v);
    }
  }
}

export function hashStruct(
  primaryType: string,
  fields: readonly TypedField[],
  message: Readonly<Record<string, FieldValue | undefined>>,
): Uint8Array {
  return keccak_256(
    concatBytes(typeHash(primaryType, fields), ...fields.map((f) => encodeField(f, message[f.name]))),
  );
}

export function domainSeparator(domain: Eip712Domain): Uint8Array {
  return hashStruct("EIP712Domain", DOMAIN_FIELDS, { ...domain });
}

/** The digest an Ethereum wallet signs for `eth_signTypedData_v4`. */
export function typedDataDigest(
  domain: Eip712Domain,
  primaryType: string,
  fields: readonly TypedField[],
  message: Readonly<Record<string, FieldValue | undefined>>,
): Uint8Array {
  return keccak_256(
    concatBytes(Uint8Array.of(0x19, 0x01), domainSeparator(domain), hashStruct(primaryType, fields, message)),
  );
}

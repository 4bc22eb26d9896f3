/**
 * L1 action signing (order, cancel, updateLeverage, scheduleCancel, …): the action hash becomes the
 * `connectionId` of a "phantom agent" {source, connectionId} signed with EIP-712 under the Exchange
 * domain (chainId 1337). source "a" = mainnet, "b" = testnet. `recoverL1Signer` is the node's check,
 * used by the local fake exchange to learn who signed.
 */
import { type ActionEnvelope, actionHash } from "./action-hash.ts";
import { type Eip712Domain, type TypedField, typedDataDigest } from "./eip712.ts";
import { type Hex, toHex } from "./hex.ts";
import { recoverAddress, type Signature, type SignatureLike, signDigest } from "./keys.ts";

export const L1_DOMAIN: Eip712Domain = {
  name: "Exchange",
  version: "1",
  chainId: 1337,
  verifyingContract: "0x0000000000000000000000000000000000000000",
};

export const AGENT_FIELDS: readonly TypedField[] = [
  { name: "source", type: "string" },
  { name: "connectionId", type: "bytes32" },
];

/** Everything that determines an L1 signature besides the key. */
export interface L1SigningInput extends ActionEnvelope {
  action: unknown;
  isMainnet: boolean;
}

export interface PhantomAgent {
  source: "a" | "b";
  connectionId: Hex;
}

export function phantomAgent(input: L1SigningInput): PhantomAgent {
  return { source: input.isMainnet ? "a" : "b", connectionId: toHex(actionHash(input.action, input)) };
}

/** The 32-byte EIP-712 digest the signer signs for an L1 action. */
export function l1Digest(input: L1SigningInput): Uint8Array {
  const agent = phantomAgent(input);
  return typedDataDigest(L1_DOMAIN, "Agent", AGENT_FIELDS, { ...agent });
}

/** Signs with a raw key; production code goes through Signer, which keeps the key private. */
export function signL1WithKey(input: L1SigningInput, key: Uint8Array): Signature {
  return signDigest(l1Digest(input), key);
}

/** Lowercase address whose key produced `signature` for this action, nonce, vault and network. */
export function recoverL1Signer(input: L1SigningInput, signature: SignatureLike): Hex {
  return recoverAddress(l1Digest(input), signature);
}

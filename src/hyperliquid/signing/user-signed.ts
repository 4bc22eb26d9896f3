/**
 * User-signed actions (usdSend, withdraw3, approveAgent): EIP-712 over the action's own fields under
 * the "HyperliquidSignTransaction" domain, whose chainId is the action's `signatureChainId`. The bot
 * needs approveAgent only for setup; usdSend/withdraw exist so the scheme is tested against the SDK.
 */
import { type Eip712Domain, type FieldValue, type TypedField, typedDataDigest } from "./eip712.ts";
import type { Hex } from "./hex.ts";
import { recoverAddress, type Signature, type SignatureLike, signDigest } from "./keys.ts";

/** The chain id the SDKs sign user actions with (Arbitrum Sepolia, 421614); any chain is accepted. */
export const DEFAULT_SIGNATURE_CHAIN_ID: Hex = "0x66eee";

export const USER_SIGNED_TYPES = {
  "HyperliquidTransaction:UsdSend": [
    { name: "hyperliquidChain", type: "string" },
    { name: "destination", type: "string" },
    { name: "amount", type: "string" },
    { name: "time", type: "uint64" },
  ],
  "HyperliquidTransaction:Withdraw": [
    { name: "hyperliquidChain", type: "string" },
    { name: "destination", type: "string" },
    { name: "amount", type: "string" },
    { name: "time", type: "uint64" },
  ],
  "HyperliquidTransaction:ApproveAgent": [
    { name: "hyperliquidChain", type: "string" },
    { name: "agentAddress", type: "address" },
    { name: "agentName", type: "string" },
    { name: "nonce", type: "uint64" },
  ],
} as const satisfies Record<string, readonly TypedField[]>;

export type UserSignedType = keyof typeof USER_SIGNED_TYPES;

/** A user-signed action's message: must carry signatureChainId and hyperliquidChain. */
export interface UserSignedMessage extends Record<string, FieldValue | undefined> {
  signatureChainId: Hex;
  hyperliquidChain: "Mainnet" | "Testnet";
}

function domainFor(message: UserSignedMessage): Eip712Domain {
  return {
    name: "HyperliquidSignTransaction",
    version: "1",
    chainId: Number.parseInt(message.signatureChainId, 16),
    verifyingContract: "0x0000000000000000000000000000000000000000",
  };
}

export function userSignedDigest(primaryType: UserSignedType, message: UserSignedMessage): Uint8Array {
  return typedDataDigest(domainFor(message), primaryType, USER_SIGNED_TYPES[primaryType], message);
}

export function signUserSignedWithKey(
  primaryType: UserSignedType,
  message: UserSignedMessage,
  key: Uint8Array,
): Signature {
  return signDigest(userSignedDigest(primaryType, message), key);
}

export function recoverUserSignedSigner(
  primaryType: UserSignedType,
  message: UserSignedMessage,
  signature: SignatureLike,
): Hex {
  return recoverAddress(userSignedDigest(primaryType, message), signature);
}

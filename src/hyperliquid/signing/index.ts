/** Public surface of the signing layer (the fake exchange imports from here). */
export { type ActionEnvelope, actionHash, encodeAction } from "./action-hash.ts";
export { fromHex, type Hex, isAddress, normalizeAddress, toHex } from "./hex.ts";
export { addressFromPrivateKey, recoverAddress, type Signature, type SignatureLike } from "./keys.ts";
export { type L1SigningInput, l1Digest, phantomAgent, recoverL1Signer, signL1WithKey } from "./l1.ts";
export { Signer } from "./signer.ts";
export {
  DEFAULT_SIGNATURE_CHAIN_ID,
  recoverUserSignedSigner,
  signUserSignedWithKey,
  type UserSignedMessage,
  type UserSignedType,
  userSignedDigest,
} from "./user-signed.ts";

/**
 * The one object that holds the private key: in a #private field, in memory only. Serialising or
 * inspecting a Signer shows its public address and nothing else; no error it raises names the key.
 */
import type { Hex } from "./hex.ts";
import { addressFromPrivateKey, privateKeyBytes, type Signature } from "./keys.ts";
import { type L1SigningInput, signL1WithKey } from "./l1.ts";
import { signUserSignedWithKey, type UserSignedMessage, type UserSignedType } from "./user-signed.ts";

export class Signer {
  readonly #key: Uint8Array;
  /** Lowercase address of the signing wallet (an API/agent wallet or the account itself). */
  readonly address: Hex;

  constructor(privateKey: string) {
    this.#key = privateKeyBytes(privateKey);
    this.address = addressFromPrivateKey(this.#key);
  }

  signL1(input: L1SigningInput): Signature {
    return signL1WithKey(input, this.#key);
  }

  signUserAction(primaryType: UserSignedType, message: UserSignedMessage): Signature {
    return signUserSignedWithKey(primaryType, message, this.#key);
  }

  toJSON(): { address: Hex } {
    return { address: this.address };
  }

  toString(): string {
    return `Signer(${this.address})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

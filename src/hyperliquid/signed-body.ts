/** The /exchange request body: the action, its nonce, and the L1 signature over both (+ vault, expiry). */
import type { ExchangeAction } from "./actions.ts";
import type { Signature } from "./signing/keys.ts";
import type { Signer } from "./signing/signer.ts";

/** What we POST to /exchange (the fake exchange parses it with schemas/exchange-request.ts). */
export interface SignedExchangeBody {
  action: ExchangeAction;
  nonce: number;
  signature: Signature;
  vaultAddress?: string;
  expiresAfter?: number;
}

/** The /exchange body for `action`: signature over the action, nonce, vault and expiry. */
export function signedBody(
  signer: Signer,
  action: ExchangeAction,
  envelope: {
    nonce: number;
    isMainnet: boolean;
    vaultAddress?: string | undefined;
    expiresAfter?: number | undefined;
  },
): SignedExchangeBody {
  const vaultAddress = envelope.vaultAddress?.toLowerCase();
  const signature = signer.signL1({ action, ...envelope, vaultAddress });
  return {
    action,
    nonce: envelope.nonce,
    signature,
    ...(vaultAddress === undefined ? {} : { vaultAddress }),
    ...(envelope.expiresAfter === undefined ? {} : { expiresAfter: envelope.expiresAfter }),
  };
}

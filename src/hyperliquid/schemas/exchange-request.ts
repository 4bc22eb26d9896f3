/**
 * The body POSTed to /exchange. We build it in exchange-client.ts; the local fake exchange parses
 * incoming bodies with this schema and checks the signature with `recoverL1Signer`.
 */
import * as z from "zod";
import { Address, TimeMs } from "./common.ts";

export const SignatureSchema = z.object({
  r: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/),
  s: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/),
  v: z.union([z.literal(27), z.literal(28)]),
});

export const ExchangeRequestBody = z.object({
  /**
   * The exact action that was hashed, passed through as the SAME object (no copy: a copy could
   * reorder keys and change the msgpack hash). JSON.parse keeps key order, so it re-hashes identically.
   */
  action: z.custom<{ type: string } & Record<string, unknown>>(
    (v) => typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string",
    "expected an action object with a string type",
  ),
  nonce: TimeMs,
  signature: SignatureSchema,
  vaultAddress: Address.nullish(),
  expiresAfter: TimeMs.nullish(),
});
export type ExchangeRequestBody = z.output<typeof ExchangeRequestBody>;

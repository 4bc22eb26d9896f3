/**
 * Building blocks for venue payload schemas, and the one place a payload is parsed. Venue objects
 * use z.object (unknown keys are dropped, not refused): Hyperliquid adds fields without notice and
 * that must not stop the bot; a missing or mistyped field we rely on is a DecodeError.
 */
import * as z from "zod";
import { DecodeError } from "../errors.ts";

/** An exact decimal string as the venue sends it ("1891.4", "-0.00022196"); never a float. */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal string");

/** "B" = bid/buy, "A" = ask/sell. */
export const Side = z.enum(["B", "A"]);
export type Side = z.output<typeof Side>;

export const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "expected an address");

/** Client order id: 0x + 32 hex digits. */
export const Cloid = z.string().regex(/^0x[0-9a-fA-F]{32}$/, "expected a cloid");

/** Epoch milliseconds. */
export const TimeMs = z.number().int().nonnegative();

/** Parses `payload` or throws a DecodeError naming `what` and keeping an excerpt of the payload. */
export function decode<S extends z.ZodType>(schema: S, payload: unknown, what: string): z.output<S> {
  const result = schema.safeParse(payload);
  if (!result.success)
    throw new DecodeError(what, payload, z.prettifyError(result.error), { cause: result.error });
  return result.data;
}

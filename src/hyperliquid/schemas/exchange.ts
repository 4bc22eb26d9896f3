/**
 * /exchange responses. A whole action is either refused (`{"status":"err","response":"…"}`) or
 * accepted with one status per order/cancel in the order sent; a per-item `{"error":"…"}` is a
 * normal outcome for that item, not a failure of the request.
 */
import * as z from "zod";
import { Cloid, DecimalString } from "./common.ts";

export const RestingStatus = z.object({
  resting: z.object({ oid: z.number().int(), cloid: Cloid.optional() }),
});
export const FilledStatus = z.object({
  filled: z.object({
    totalSz: DecimalString,
    avgPx: DecimalString,
    oid: z.number().int(),
    cloid: Cloid.optional(),
  }),
});
export const ErrorStatus = z.object({ error: z.string() });

/** One entry of `statuses` for order, cancel and cancelByCloid. */
export const ItemStatus = z.union([
  RestingStatus,
  FilledStatus,
  ErrorStatus,
  z.literal("waitingForFill"),
  z.literal("waitingForTrigger"),
  z.literal("success"),
]);
export type ItemStatus = z.output<typeof ItemStatus>;

export const ExchangeErr = z.object({ status: z.literal("err"), response: z.string() });

export const ExchangeOk = z.object({
  status: z.literal("ok"),
  response: z.object({
    /** "order", "cancel", "default", … */
    type: z.string(),
    data: z.object({ statuses: z.array(ItemStatus) }).optional(),
  }),
});

export const ExchangeResponse = z.discriminatedUnion("status", [ExchangeOk, ExchangeErr]);
export type ExchangeResponse = z.output<typeof ExchangeResponse>;

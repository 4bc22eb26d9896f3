/**
 * WebSocket messages: every JSON frame is `{channel, data}`. We parse the envelope first, then the
 * data of the channels we subscribe to; other channels are ignored (not errors).
 */
import * as z from "zod";
import { BasicOrder, Fill } from "./account.ts";
import { Address, TimeMs } from "./common.ts";
import { AllMids, Candle, L2Book } from "./market.ts";

export const WsEnvelope = z.object({ channel: z.string(), data: z.unknown().optional() });

export const WsAllMids = z.object({ mids: AllMids });

export const WsCandle = Candle;

export const WsL2Book = L2Book;

export const WsOrderUpdate = z.object({
  order: BasicOrder.partial({ origSz: true }),
  /** open, filled, canceled, triggered, rejected, marginCanceled, … */
  status: z.string(),
  statusTimestamp: TimeMs,
});
export type WsOrderUpdate = z.output<typeof WsOrderUpdate>;

export const WsOrderUpdates = z.array(WsOrderUpdate);

export const WsUserFills = z.object({
  /** The first message after subscribing repeats recent fills; skip those already processed. */
  isSnapshot: z.boolean().optional(),
  user: Address,
  fills: z.array(Fill),
});
export type WsUserFills = z.output<typeof WsUserFills>;

/** Acknowledgement of a subscribe/unsubscribe, echoing the subscription object. */
export const WsSubscriptionResponse = z.object({
  method: z.enum(["subscribe", "unsubscribe"]),
  subscription: z.record(z.string(), z.unknown()),
});

/**
 * Actions as the node sees them: parsed into typed structs (zod), then rebuilt with keys in the
 * node's own field order and numbers in canonical form ("100.0" → "100"). The fake hashes THIS for
 * signature recovery, so a client that signs keys in another order or non-canonical number strings
 * recovers a random address and gets "User or API Wallet … does not exist.", exactly as on HL.
 */
import * as z from "zod";

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const Cloid = z.string().regex(/^0x[0-9a-fA-F]{32}$/);
const Num = z.string().regex(/^-?\d+(\.\d+)?$/);
const Int = z.number().int();

const OrderWire = z.object({
  a: Int.nonnegative(),
  b: z.boolean(),
  p: Num,
  s: Num,
  r: z.boolean(),
  t: z.union([
    z.object({ limit: z.object({ tif: z.enum(["Gtc", "Ioc", "Alo"]) }) }),
    z.object({ trigger: z.object({ isMarket: z.boolean(), triggerPx: Num, tpsl: z.enum(["tp", "sl"]) }) }),
  ]),
  c: Cloid.optional(),
});

export const Action = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("order"),
    orders: z.array(OrderWire).min(1),
    grouping: z.enum(["na", "normalTpsl", "positionTpsl"]),
    builder: z.object({ b: Address, f: Int.nonnegative() }).optional(),
  }),
  z.object({
    type: z.literal("cancel"),
    cancels: z.array(z.object({ a: Int.nonnegative(), o: Int.nonnegative() })).min(1),
    f: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal("cancelByCloid"),
    cancels: z.array(z.object({ asset: Int.nonnegative(), cloid: Cloid })).min(1),
    f: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal("updateLeverage"),
    asset: Int.nonnegative(),
    isCross: z.boolean(),
    leverage: Int,
  }),
  z.object({ type: z.literal("scheduleCancel"), time: Int.nonnegative().optional() }),
  z.object({
    type: z.literal("approveAgent"),
    signatureChainId: z.string().regex(/^0x[0-9a-fA-F]+$/),
    hyperliquidChain: z.enum(["Mainnet", "Testnet"]),
    agentAddress: Address,
    agentName: z.string().nullish(),
    nonce: Int.nonnegative(),
  }),
]);

export type ParsedAction = z.infer<typeof Action>;
export type ParsedOrder = z.infer<typeof OrderWire>;

/** float_to_wire form of a decimal string: no trailing zeros, no trailing dot, no "-0". */
export function canonicalNumber(s: string): string {
  let out = s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  out = out.replace(/^(-?)0+(?=\d)/, "$1");
  return out === "-0" ? "0" : out;
}

function canonicalOrder(o: ParsedOrder): Record<string, unknown> {
  const t =
    "limit" in o.t
      ? { limit: { tif: o.t.limit.tif } }
      : {
          trigger: {
            isMarket: o.t.trigger.isMarket,
            triggerPx: canonicalNumber(o.t.trigger.triggerPx),
            tpsl: o.t.trigger.tpsl,
          },
        };
  return {
    a: o.a,
    b: o.b,
    p: canonicalNumber(o.p),
    s: canonicalNumber(o.s),
    r: o.r,
    t,
    ...(o.c !== undefined ? { c: o.c.toLowerCase() } : {}),
  };
}

/** The action in the node's field order (what its L1 hash is computed over). */
export function canonicalAction(a: ParsedAction): Record<string, unknown> {
  switch (a.type) {
    case "order":
      return {
        type: a.type,
        orders: a.orders.map(canonicalOrder),
        grouping: a.grouping,
        ...(a.builder ? { builder: { b: a.builder.b.toLowerCase(), f: a.builder.f } } : {}),
      };
    case "cancel":
      return {
        type: a.type,
        cancels: a.cancels.map((c) => ({ a: c.a, o: c.o })),
        ...(a.f ? { f: true } : {}),
      };
    case "cancelByCloid":
      return {
        type: a.type,
        cancels: a.cancels.map((c) => ({ asset: c.asset, cloid: c.cloid.toLowerCase() })),
        ...(a.f ? { f: true } : {}),
      };
    case "updateLeverage":
      return { type: a.type, asset: a.asset, isCross: a.isCross, leverage: a.leverage };
    case "scheduleCancel":
      return a.time === undefined ? { type: a.type } : { type: a.type, time: a.time };
    case "approveAgent":
      return { ...a };
  }
}

/** Orders or cancels in the action (the batch length the IP weight counts). */
export function batchLength(a: ParsedAction): number {
  if (a.type === "order") return a.orders.length;
  if (a.type === "cancel" || a.type === "cancelByCloid") return a.cancels.length;
  return 1;
}

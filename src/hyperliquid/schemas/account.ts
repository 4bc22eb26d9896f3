/** Account state: positions and margin, open orders, fills, order status, address rate limit. */
import * as z from "zod";
import { Cloid, DecimalString, Side, TimeMs } from "./common.ts";

const Leverage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("cross"), value: z.number().int().positive() }),
  z.object({ type: z.literal("isolated"), value: z.number().int().positive(), rawUsd: DecimalString }),
]);

export const Position = z.object({
  coin: z.string(),
  /** Signed size: + long, − short. */
  szi: DecimalString,
  entryPx: DecimalString.nullable(),
  leverage: Leverage,
  liquidationPx: DecimalString.nullable(),
  marginUsed: DecimalString,
  maxLeverage: z.number().int().positive().optional(),
  positionValue: DecimalString,
  returnOnEquity: DecimalString,
  unrealizedPnl: DecimalString,
  cumFunding: z
    .object({ allTime: DecimalString, sinceChange: DecimalString, sinceOpen: DecimalString })
    .optional(),
});
export type Position = z.output<typeof Position>;

const MarginSummary = z.object({
  accountValue: DecimalString,
  totalMarginUsed: DecimalString,
  totalNtlPos: DecimalString,
  totalRawUsd: DecimalString,
});

export const ClearinghouseState = z.object({
  assetPositions: z.array(z.object({ type: z.string(), position: Position })),
  marginSummary: MarginSummary,
  crossMarginSummary: MarginSummary,
  crossMaintenanceMarginUsed: DecimalString.optional(),
  withdrawable: DecimalString,
  time: TimeMs.optional(),
});
export type ClearinghouseState = z.output<typeof ClearinghouseState>;

/** Order fields common to open orders, order status and WS order updates. */
export const BasicOrder = z.object({
  coin: z.string(),
  side: Side,
  limitPx: DecimalString,
  /** Remaining size. */
  sz: DecimalString,
  oid: z.number().int().nonnegative(),
  timestamp: TimeMs,
  origSz: DecimalString,
  cloid: Cloid.nullish(),
  reduceOnly: z.boolean().optional(),
});

export const FrontendOrder = BasicOrder.extend({
  isTrigger: z.boolean(),
  triggerPx: DecimalString,
  triggerCondition: z.string(),
  isPositionTpsl: z.boolean(),
  orderType: z.string(),
  reduceOnly: z.boolean(),
  tif: z.string().nullable().optional(),
  /** TP/SL orders attached to this one (normalTpsl grouping), in the same shape. */
  get children(): z.ZodOptional<z.ZodArray<typeof FrontendOrder>> {
    return z.array(FrontendOrder).optional();
  },
});
export type FrontendOrder = z.output<typeof FrontendOrder>;

export const FrontendOpenOrders = z.array(FrontendOrder);

export const Fill = z.object({
  coin: z.string(),
  px: DecimalString,
  sz: DecimalString,
  side: Side,
  time: TimeMs,
  startPosition: DecimalString,
  /** "Open Long", "Close Short", "Long > Short", … */
  dir: z.string(),
  closedPnl: DecimalString,
  hash: z.string(),
  oid: z.number().int().nonnegative(),
  /** True = taker. */
  crossed: z.boolean(),
  /** Negative = rebate; includes builderFee. */
  fee: DecimalString,
  /** Absent in fills recorded before ~2023-08. */
  tid: z.number().int().nonnegative().optional(),
  feeToken: z.string().optional(),
  builderFee: DecimalString.optional(),
  /** Set on the fills of a TWAP order's slices; null (or absent in older fills) otherwise. */
  twapId: z.number().int().nonnegative().nullish(),
  cloid: Cloid.nullish(),
  liquidation: z.record(z.string(), z.unknown()).optional(),
});
export type Fill = z.output<typeof Fill>;

export const Fills = z.array(Fill);

export const OrderStatusResponse = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("order"),
    order: z.object({
      order: FrontendOrder.partial({ isPositionTpsl: true, triggerCondition: true, triggerPx: true }),
      /** open, filled, canceled, triggered, rejected, marginCanceled, …Rejected reasons. */
      status: z.string(),
      statusTimestamp: TimeMs,
    }),
  }),
  z.object({ status: z.literal("unknownOid") }),
]);
export type OrderStatusResponse = z.output<typeof OrderStatusResponse>;

export const UserRateLimit = z.object({
  /** Cumulative traded volume, USDC. */
  cumVlm: DecimalString,
  nRequestsUsed: z.number().int().nonnegative(),
  nRequestsCap: z.number().int().nonnegative(),
});
export type UserRateLimit = z.output<typeof UserRateLimit>;

/** One hourly funding payment of the user (userFunding); `usdc` < 0 means paid. */
export const UserFundingEvent = z.object({
  time: TimeMs,
  hash: z.string(),
  delta: z.object({
    type: z.literal("funding"),
    coin: z.string(),
    usdc: DecimalString,
    szi: DecimalString,
    fundingRate: DecimalString,
    /** Position samples behind the payment: an integer in recorded answers, null in the GitBook's example. */
    nSamples: z.number().int().nonnegative().nullable().optional(),
  }),
});
export type UserFundingEvent = z.output<typeof UserFundingEvent>;
export const UserFunding = z.array(UserFundingEvent);

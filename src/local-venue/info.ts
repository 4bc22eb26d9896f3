/**
 * POST /info dispatch: validates the request body per type (an unknown type or a bad body is HTTP
 * 422 "Failed to deserialize the JSON body into the target type", like the real API) and returns
 * the answer plus what the rate limiter charges for: the coin asked about and the items returned.
 */
import * as z from "zod";
import type { CandleLimits } from "./candles.ts";
import * as market from "./info-market.ts";
import * as user from "./info-user.ts";
import type { FakeState } from "./state.ts";

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const Cloid = z.string().regex(/^0x[0-9a-fA-F]{32}$/);
const Ms = z.number().int().nonnegative();

const InfoRequest = z.discriminatedUnion("type", [
  z.object({ type: z.literal("meta"), dex: z.string().optional() }),
  z.object({ type: z.literal("metaAndAssetCtxs"), dex: z.string().optional() }),
  z.object({ type: z.literal("allMids"), dex: z.string().optional() }),
  z.object({
    type: z.literal("l2Book"),
    coin: z.string(),
    nSigFigs: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullish(),
    mantissa: z.union([z.literal(1), z.literal(2), z.literal(5)]).nullish(),
  }),
  z.object({
    type: z.literal("candleSnapshot"),
    req: z.object({ coin: z.string(), interval: z.string(), startTime: Ms, endTime: Ms.optional() }),
  }),
  z.object({ type: z.literal("fundingHistory"), coin: z.string(), startTime: Ms, endTime: Ms.nullish() }),
  z.object({ type: z.literal("clearinghouseState"), user: Address, dex: z.string().optional() }),
  z.object({ type: z.literal("openOrders"), user: Address, dex: z.string().optional() }),
  z.object({ type: z.literal("frontendOpenOrders"), user: Address, dex: z.string().optional() }),
  z.object({ type: z.literal("userFills"), user: Address, aggregateByTime: z.boolean().optional() }),
  z.object({
    type: z.literal("userFillsByTime"),
    user: Address,
    startTime: Ms,
    endTime: Ms.nullish(),
    aggregateByTime: z.boolean().optional(),
  }),
  z.object({ type: z.literal("userFunding"), user: Address, startTime: Ms, endTime: Ms.nullish() }),
  z.object({ type: z.literal("orderStatus"), user: Address, oid: z.union([z.number().int(), Cloid]) }),
  z.object({ type: z.literal("historicalOrders"), user: Address }),
  z.object({ type: z.literal("userRateLimit"), user: Address }),
  z.object({ type: z.literal("userRole"), user: Address }),
]);

export type InfoType = z.infer<typeof InfoRequest>["type"];

export interface InfoAnswer {
  type: string;
  body: unknown;
  coin?: string;
  items: number;
}

export class InfoBadRequest extends Error {}

export interface InfoLimits {
  candles: CandleLimits;
  fundingPageSize: number;
}

export function handleInfo(state: FakeState, raw: unknown, limits: InfoLimits): InfoAnswer {
  const parsed = InfoRequest.safeParse(raw);
  if (!parsed.success) throw new InfoBadRequest("Failed to deserialize the JSON body into the target type");
  const r = parsed.data;
  const answer = (body: unknown, coin?: string): InfoAnswer => ({
    type: r.type,
    body,
    items: Array.isArray(body) ? body.length : 0,
    ...(coin ? { coin } : {}),
  });
  const acct = "user" in r ? state.accounts.get(r.user) : undefined;
  switch (r.type) {
    case "meta":
      return answer(market.metaPayload());
    case "metaAndAssetCtxs":
      return answer([market.metaPayload(), market.assetCtxs(state)]);
    case "allMids":
      return answer(market.allMids(state));
    case "l2Book":
      return answer(market.l2Book(state, r.coin, r.nSigFigs ?? null), r.coin);
    case "candleSnapshot":
      return answer(market.candles(state, r.req, limits.candles), r.req.coin);
    case "fundingHistory":
      return answer(
        market.fundingHistory(
          state,
          { coin: r.coin, startTime: r.startTime, endTime: r.endTime ?? undefined },
          limits.fundingPageSize,
        ),
        r.coin,
      );
    case "clearinghouseState":
      return answer(user.clearinghouseState(state, acct));
    case "openOrders":
      return answer(user.openOrders(state, r.user, false));
    case "frontendOpenOrders":
      return answer(user.openOrders(state, r.user, true));
    case "userFills":
      return answer(user.userFills(state, acct));
    case "userFillsByTime":
      return answer(user.userFills(state, acct, { startTime: r.startTime, endTime: r.endTime ?? undefined }));
    case "userFunding":
      return answer(user.userFunding(acct, { startTime: r.startTime, endTime: r.endTime ?? undefined }));
    case "orderStatus":
      return answer(user.orderStatus(state, r.user, typeof r.oid === "string" ? r.oid.toLowerCase() : r.oid));
    case "historicalOrders":
      return answer(user.historicalOrders(state, r.user));
    case "userRole":
      return answer(user.userRole(state, r.user));
    case "userRateLimit":
      return answer({
        cumVlm: (acct?.volume ?? 0).toFixed(2),
        nRequestsUsed: acct?.actions ?? 0,
        nRequestsCap: 10_000 + Math.floor(acct?.volume ?? 0),
      });
  }
}

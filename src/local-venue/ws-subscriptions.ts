/** Websocket subscription objects the fake accepts (Hyperliquid's shapes) and the small market pushes. */
import * as z from "zod";
import { allMids } from "./info-market.ts";
import type { FakeState } from "./state.ts";
import { fmtPx, fmtSz } from "./wire.ts";

const User = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

const SubscriptionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("allMids"), dex: z.string().optional() }),
  z.object({
    type: z.literal("l2Book"),
    coin: z.string(),
    nSigFigs: z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullish(),
    mantissa: z.number().int().nullish(),
  }),
  z.object({ type: z.literal("bbo"), coin: z.string() }),
  z.object({ type: z.literal("trades"), coin: z.string() }),
  z.object({ type: z.literal("candle"), coin: z.string(), interval: z.string() }),
  z.object({ type: z.literal("orderUpdates"), user: User }),
  z.object({ type: z.literal("userFills"), user: User, aggregateByTime: z.boolean().optional() }),
  z.object({ type: z.literal("userEvents"), user: User }),
  z.object({ type: z.literal("userFundings"), user: User }),
]);

export type Subscription = z.infer<typeof SubscriptionSchema>;

export function parseSubscription(raw: unknown): Subscription | null {
  const parsed = SubscriptionSchema.safeParse(raw);
  if (!parsed.success) return null;
  const sub = parsed.data;
  return "user" in sub ? { ...sub, user: sub.user.toLowerCase() } : sub;
}

/** Identity of a subscription (key order and address case do not matter). */
export function subscriptionKey(sub: Subscription): string {
  const entries = Object.entries(sub)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

export function allMidsPush(state: FakeState): { mids: Record<string, string> } {
  return { mids: allMids(state) };
}

export function bboPush(state: FakeState, coin: string): unknown {
  const now = state.clock.now();
  const book = state.books.get(coin, now);
  const asset = state.market.asset(coin);
  const level = (l: { px: number; sz: number; n: number } | undefined) =>
    l && asset ? { px: fmtPx(l.px, asset.szDecimals), sz: fmtSz(l.sz, asset.szDecimals), n: l.n } : null;
  return { coin, time: book?.time ?? now, bbo: [level(book?.bids[0]), level(book?.asks[0])] };
}

/**
 * Request weights of Hyperliquid's IP limiter (1200 per minute): /exchange costs 1 + floor(batch/40);
 * /info costs 2 for a few light queries, 60 for userRole, 20 otherwise, plus extra weight per items
 * returned for the history queries (charged after the response, when the count is known).
 */

/** The IP budget, weight per minute. */
export const IP_WEIGHT_PER_MINUTE = 1200;

const LIGHT_INFO = new Set([
  "l2Book",
  "allMids",
  "clearinghouseState",
  "orderStatus",
  "spotClearinghouseState",
  "exchangeStatus",
]);
const LIGHT_INFO_WEIGHT = 2;
const USER_ROLE_WEIGHT = 60;
const DEFAULT_INFO_WEIGHT = 20;

/** Items per extra weight unit for queries that are charged by response size. */
const ITEMS_PER_EXTRA_WEIGHT: Record<string, number> = {
  userFills: 20,
  userFillsByTime: 20,
  historicalOrders: 20,
  fundingHistory: 20,
  userFunding: 20,
  userNonFundingLedgerUpdates: 20,
  recentTrades: 20,
  candleSnapshot: 60,
};

export function infoWeight(type: string): number {
  if (LIGHT_INFO.has(type)) return LIGHT_INFO_WEIGHT;
  if (type === "userRole") return USER_ROLE_WEIGHT;
  return DEFAULT_INFO_WEIGHT;
}

/** Extra weight after a response with `items` elements (0 for queries not charged by size). */
export function infoExtraWeight(type: string, items: number): number {
  const per = ITEMS_PER_EXTRA_WEIGHT[type];
  return per === undefined ? 0 : Math.floor(items / per);
}

/** Orders/cancels per extra unit of /exchange weight. */
const EXCHANGE_BATCH_PER_WEIGHT = 40;

export function exchangeWeight(batchLength: number): number {
  return 1 + Math.floor(batchLength / EXCHANGE_BATCH_PER_WEIGHT);
}

/**
 * Typed /info queries. Every response is parsed with its zod schema (DecodeError on mismatch);
 * history queries paginate forward. Account queries take the ACCOUNT address (master or
 * sub-account) — an agent wallet's address returns empty results.
 */
import type * as z from "zod";
import type { HttpTransport } from "./http.ts";
import { paginateForward } from "./paginate.ts";
import {
  ClearinghouseState,
  type Fill,
  Fills,
  FrontendOpenOrders,
  OrderStatusResponse,
  UserFunding,
  type UserFundingEvent,
  UserRateLimit,
} from "./schemas/account.ts";
import { decode } from "./schemas/common.ts";
import {
  AllMids,
  type Candle,
  CandleSnapshot,
  FundingHistory,
  type FundingRow,
  type L2Book,
  L2BookAnswer,
} from "./schemas/market.ts";
import { Meta, MetaAndAssetCtxs } from "./schemas/meta.ts";
import { UserRole } from "./schemas/user-role.ts";

/** Candle intervals Hyperliquid serves. */
export const CANDLE_INTERVALS = [
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1M",
] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

export interface L2BookOptions {
  /** Aggregate levels to 2..5 significant figures; omit for full precision. */
  nSigFigs?: 2 | 3 | 4 | 5;
  /** 1, 2 or 5; only with nSigFigs 5. */
  mantissa?: 1 | 2 | 5;
}

/** Most items one response holds, per paged query (Hyperliquid's documented limits). */
export interface PageLimits {
  candles: number;
  funding: number;
  fills: number;
}

export const HL_PAGE_LIMITS: PageLimits = { candles: 5000, funding: 500, fills: 2000 };

/** Identity of one fill across pages and WS snapshots. */
export function fillKey(fill: Fill): string {
  return fill.tid !== undefined
    ? `${fill.hash}:${fill.tid}`
    : `${fill.hash}:${fill.oid}:${fill.time}:${fill.px}:${fill.sz}:${fill.startPosition}`;
}

export class InfoClient {
  readonly #pages: PageLimits;

  /** `pageLimits` only for venues paging differently (tests); a wrong limit would stop walks early. */
  constructor(
    private readonly transport: HttpTransport,
    pageLimits: Partial<PageLimits> = {},
  ) {
    this.#pages = { ...HL_PAGE_LIMITS, ...pageLimits };
  }

  async #query<S extends z.ZodType>(
    schema: S,
    body: { type: string } & Record<string, unknown>,
  ): Promise<z.output<S>> {
    return decode(schema, await this.transport.info(body), body.type);
  }

  meta(): Promise<Meta> {
    return this.#query(Meta, { type: "meta" });
  }

  metaAndAssetCtxs(): Promise<MetaAndAssetCtxs> {
    return this.#query(MetaAndAssetCtxs, { type: "metaAndAssetCtxs" });
  }

  allMids(): Promise<AllMids> {
    return this.#query(AllMids, { type: "allMids" });
  }

  /** The book, or null when the venue does not list `coin` (Hyperliquid answers `null`). */
  l2Book(coin: string, options: L2BookOptions = {}): Promise<L2Book | null> {
    return this.#query(L2BookAnswer, {
      type: "l2Book",
      coin,
      nSigFigs: options.nSigFigs ?? null,
      mantissa: options.mantissa ?? null,
    });
  }

  /**
   * Candles with open time in [startTime, endTime], oldest first. Only the most recent 5000 candles
   * per coin and interval exist on the venue; the last one may still be forming (T > now).
   */
  candleSnapshot(
    coin: string,
    interval: CandleInterval,
    startTime: number,
    endTime: number,
  ): Promise<Candle[]> {
    return paginateForward({
      startTime,
      endTime,
      fetchPage: (start) =>
        this.#query(CandleSnapshot, {
          type: "candleSnapshot",
          req: { coin, interval, startTime: start, endTime },
        }),
      pageLimit: this.#pages.candles,
      timeOf: (c) => c.t,
      keyOf: (c) => String(c.t),
    });
  }

  /** Hourly funding rows in [startTime, endTime ?? now], oldest first (500 per page). */
  fundingHistory(coin: string, startTime: number, endTime?: number): Promise<FundingRow[]> {
    return paginateForward({
      startTime,
      endTime,
      fetchPage: (start) =>
        this.#query(FundingHistory, {
          type: "fundingHistory",
          coin,
          startTime: start,
          ...(endTime === undefined ? {} : { endTime }),
        }),
      pageLimit: this.#pages.funding,
      timeOf: (f) => f.time,
      keyOf: (f) => `${f.coin}:${f.time}`,
    });
  }

  clearinghouseState(user: string): Promise<ClearinghouseState> {
    return this.#query(ClearinghouseState, { type: "clearinghouseState", user });
  }

  frontendOpenOrders(user: string): Promise<z.output<typeof FrontendOpenOrders>> {
    return this.#query(FrontendOpenOrders, { type: "frontendOpenOrders", user });
  }

  /** Fills in [startTime, endTime ?? now], oldest first (2000 per page; only the latest 10000 exist). */
  userFillsByTime(user: string, startTime: number, endTime?: number): Promise<Fill[]> {
    return paginateForward({
      startTime,
      endTime,
      fetchPage: (start) =>
        this.#query(Fills, {
          type: "userFillsByTime",
          user,
          startTime: start,
          ...(endTime === undefined ? {} : { endTime }),
          aggregateByTime: false,
        }),
      pageLimit: this.#pages.fills,
      timeOf: (f) => f.time,
      keyOf: fillKey,
    });
  }

  /** The user's hourly funding payments in [startTime, endTime ?? now], oldest first (500 per page). */
  userFunding(user: string, startTime: number, endTime?: number): Promise<UserFundingEvent[]> {
    return paginateForward({
      startTime,
      endTime,
      fetchPage: (start) =>
        this.#query(UserFunding, {
          type: "userFunding",
          user,
          startTime: start,
          ...(endTime === undefined ? {} : { endTime }),
        }),
      pageLimit: this.#pages.funding,
      timeOf: (f) => f.time,
      keyOf: (f) => `${f.delta.coin}:${f.time}`,
    });
  }

  /** Status of one order by exchange oid (number) or client order id (0x + 32 hex). */
  orderStatus(user: string, oidOrCloid: number | string): Promise<OrderStatusResponse> {
    const oid = typeof oidOrCloid === "string" ? oidOrCloid.toLowerCase() : oidOrCloid;
    return this.#query(OrderStatusResponse, { type: "orderStatus", user, oid });
  }

  /** What the exchange knows `user` as: account, agent wallet (and its master), sub-account, vault. */
  userRole(user: string): Promise<UserRole> {
    return this.#query(UserRole, { type: "userRole", user });
  }

  /** The address budget as the node counts it (feeds AddressBudget.sync). */
  userRateLimit(user: string): Promise<UserRateLimit> {
    return this.#query(UserRateLimit, { type: "userRateLimit", user });
  }
}

/** Public market data: mids, candles, funding history, L2 book (info and WS share these shapes). */
import * as z from "zod";
import { DecimalString, TimeMs } from "./common.ts";

/** coin → mid price; spot keys ("@107", "PURR/USDC") are included. */
export const AllMids = z.record(z.string(), DecimalString);
export type AllMids = z.output<typeof AllMids>;

export const Candle = z.object({
  /** Open time (ms). */
  t: TimeMs,
  /** Close time (ms) = t + interval − 1. */
  T: TimeMs,
  s: z.string(),
  i: z.string(),
  o: DecimalString,
  c: DecimalString,
  h: DecimalString,
  l: DecimalString,
  /** Base-asset volume. */
  v: DecimalString,
  /** Trade count. */
  n: z.number().int().nonnegative(),
});
export type Candle = z.output<typeof Candle>;

export const CandleSnapshot = z.array(Candle);

export const FundingRow = z.object({
  coin: z.string(),
  /** Hourly rate actually applied. */
  fundingRate: DecimalString,
  /** Absent in some recorded rows; nothing in hlbot depends on it. */
  premium: DecimalString.optional(),
  time: TimeMs,
});
export type FundingRow = z.output<typeof FundingRow>;

export const FundingHistory = z.array(FundingRow);

export const BookLevel = z.object({
  px: DecimalString,
  sz: DecimalString,
  /** Number of orders at this level. */
  n: z.number().int().nonnegative(),
});
export type BookLevel = z.output<typeof BookLevel>;

/** Bids best-first (descending), asks ascending, ≤ 20 levels each. */
export const L2Book = z.object({
  coin: z.string(),
  time: TimeMs,
  levels: z.tuple([z.array(BookLevel), z.array(BookLevel)]),
});
export type L2Book = z.output<typeof L2Book>;

/** The /info l2Book answer: `null` for a coin the venue does not list (documented behaviour). */
export const L2BookAnswer = L2Book.nullable();

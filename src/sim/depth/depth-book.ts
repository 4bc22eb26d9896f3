/**
 * A recorded L2 book as the depth model reads it: levels best-first per side, prices and sizes kept
 * exactly as recorded (HL decimal strings off the wire or a CSV, or the numbers the ledger stores,
 * whose shortest repr is the same decimal). Converters from every place a book comes from.
 */
import { BotError } from "../../core/errors.ts";
import type { DecimalInput } from "../../hyperliquid/decimal.ts";
import type { L2Book } from "../../hyperliquid/schemas/market.ts";
import type { BookSnapshotRow, LevelTuple } from "../../ledger/repos/book-snapshots.ts";

export interface DepthLevel {
  px: DecimalInput;
  sz: DecimalInput;
  /** Orders at the level, where recorded. */
  n?: number;
}

export interface DepthBook {
  coin: string;
  /** Exchange snapshot time, ms UTC. */
  t: number;
  /** Best (highest) bid first. */
  bids: readonly DepthLevel[];
  /** Best (lowest) ask first. */
  asks: readonly DepthLevel[];
}

/** A book that cannot be walked or a walk that cannot be priced (empty side, crossed book, bad size). */
export class DepthInputError extends BotError {
  readonly kind = "depth_input";
  override readonly exitCode = 2;
}

/** The wire book (`l2Book` response or websocket message): strings, exact. */
export function fromL2Book(book: L2Book): DepthBook {
  const [bids, asks] = book.levels;
  const side = (levels: typeof bids) => levels.map((l) => ({ px: l.px, sz: l.sz, n: l.n }));
  return { coin: book.coin, t: book.time, bids: side(bids), asks: side(asks) };
}

/**
 * A ledger snapshot. Null when only the top of book was kept (`market_data.book_levels: 0`): one
 * level per side is no book to walk.
 */
export function fromSnapshotRow(row: BookSnapshotRow): DepthBook | null {
  if (!row.levels) return null;
  const [bids, asks] = row.levels;
  const side = (levels: typeof bids) => levels.map(([px, sz, n]) => ({ px, sz, n }));
  return { coin: row.coin, t: row.t, bids: side(bids), asks: side(asks) };
}

/** The row the recorder stores for `book` (numbers whose shortest repr is the recorded decimal text). */
export function toSnapshotRow(book: DepthBook): BookSnapshotRow {
  const bid = book.bids[0];
  const ask = book.asks[0];
  if (!bid || !ask) throw new DepthInputError(`${book.coin} book at ${book.t} has an empty side`);
  const tuples = (levels: readonly DepthLevel[]): LevelTuple[] =>
    levels.map((l) => [Number(l.px), Number(l.sz), l.n ?? 0]);
  return {
    coin: book.coin,
    t: book.t,
    bestBid: Number(bid.px),
    bestAsk: Number(ask.px),
    bidSz: Number(bid.sz),
    askSz: Number(ask.sz),
    levels: [tuples(book.bids), tuples(book.asks)],
  };
}

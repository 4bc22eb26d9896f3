/**
 * walkBook: what a taker order of `size` coins pays against a recorded L2 book. The recorded levels
 * are consumed best-first in exact decimals (notional = Σ px·sz taken, no float sums); the average
 * price, and the slippage against mid and against the touch, are then the deliberate float exits.
 *
 * When the order is larger than the recorded depth (`exhausted`), the remainder is ASSUMED to fill on
 * a continuation of the book at the recorded side's average density: the recorded size per unit of
 * price distance from mid, |last px − mid| / filled. The remainder r then moves the price a further
 * r / density beyond the last recorded level and fills on average halfway along that stretch. The
 * result says how much was priced this way (`unfilled`), so a report can show it.
 */
import type { Dec, DecimalInput } from "../../hyperliquid/decimal.ts";
import { type DepthBook, DepthInputError } from "./depth-book.ts";
import { add, cmp, half, isPositive, min, mul, parse, sub, toNumber, toText, ZERO } from "./exact.ts";

export type TakerSide = "buy" | "sell";

export interface ParsedLevel {
  px: Dec;
  sz: Dec;
}

/** A book parsed once for many walks (the impact fit walks each snapshot at several sizes). */
export interface ParsedBook {
  coin: string;
  t: number;
  bids: readonly ParsedLevel[];
  asks: readonly ParsedLevel[];
  mid: Dec;
}

export interface WalkResult {
  side: TakerSide;
  /** Requested size, coins (canonical decimal). */
  size: string;
  /** Size taken from the recorded levels, and the rest priced on the continuation (see header). */
  filled: string;
  unfilled: string;
  exhausted: boolean;
  /** Exact Σ px·sz over the recorded levels taken (USDC). */
  notional: string;
  /** Recorded levels touched (the last one possibly partly). */
  levelsUsed: number;
  mid: number;
  touch: number;
  /** Average fill price over the whole size (continuation included when exhausted). */
  avgPx: number;
  /** Price of the last unit: the last level touched, or the continuation's end. */
  worstPx: number;
  /** Adverse slippage of the average price, basis points: against mid, and against the touch. */
  slippageBpsMid: number;
  slippageBpsTouch: number;
}

function parseSide(coin: string, name: string, levels: DepthBook["bids"], descending: boolean) {
  if (levels.length === 0) throw new DepthInputError(`${coin} book has no ${name}`);
  const out: ParsedLevel[] = [];
  for (const [i, l] of levels.entries()) {
    const level = { px: parse(l.px), sz: parse(l.sz) };
    if (!isPositive(level.px) || !isPositive(level.sz))
      throw new DepthInputError(`${coin} ${name}[${i}]: price and size must be positive`);
    const prev = out[i - 1];
    if (prev && cmp(level.px, prev.px) !== (descending ? -1 : 1))
      throw new DepthInputError(`${coin} ${name}[${i}]: levels must be best-first`);
    out.push(level);
  }
  return out;
}

export function parseBook(book: DepthBook): ParsedBook {
  const bids = parseSide(book.coin, "bids", book.bids, true);
  const asks = parseSide(book.coin, "asks", book.asks, false);
  if (cmp(bids[0]!.px, asks[0]!.px) >= 0) throw new DepthInputError(`${book.coin} book is crossed`);
  return { coin: book.coin, t: book.t, bids, asks, mid: half(add(bids[0]!.px, asks[0]!.px)) };
}

interface Consumed {
  want: Dec;
  filled: Dec;
  remaining: Dec;
  notional: Dec;
  used: number;
  last: Dec;
}

function consume(book: ParsedBook, side: TakerSide, size: DecimalInput): Consumed {
  const want = parse(size);
  if (!isPositive(want)) throw new DepthInputError(`walk size must be positive, got ${String(size)}`);
  const levels = side === "buy" ? book.asks : book.bids;
  let remaining = want;
  let filled = ZERO;
  let notional = ZERO;
  let used = 0;
  let last = levels[0]!.px;
  for (const level of levels) {
    if (!isPositive(remaining)) break;
    const take = min(level.sz, remaining);
    notional = add(notional, mul(level.px, take));
    filled = add(filled, take);
    remaining = sub(remaining, take);
    last = level.px;
    used++;
  }
  return { want, filled, remaining, notional, used, last };
}

/** Average and worst price of a consumption, with the continuation of the header when exhausted. */
function price(book: ParsedBook, side: TakerSide, c: Consumed) {
  const dir = side === "buy" ? 1 : -1;
  const mid = toNumber(book.mid);
  let total = toNumber(c.notional);
  let worstPx = toNumber(c.last);
  const exhausted = isPositive(c.remaining);
  if (exhausted) {
    const rest = toNumber(c.remaining);
    const stretch = (rest * Math.abs(worstPx - mid)) / toNumber(c.filled);
    total += rest * (worstPx + (dir * stretch) / 2);
    worstPx += dir * stretch;
  }
  const avgPx = total / toNumber(c.want);
  return { dir, mid, avgPx, worstPx, exhausted, slippageBpsMid: (dir * (avgPx - mid) * 10_000) / mid };
}

/** Walks a parsed book; see the file header for the exhausted case. */
export function walkParsed(book: ParsedBook, side: TakerSide, size: DecimalInput): WalkResult {
  const c = consume(book, side, size);
  const p = price(book, side, c);
  const touch = toNumber((side === "buy" ? book.asks : book.bids)[0]!.px);
  return {
    side,
    size: toText(c.want),
    filled: toText(c.filled),
    unfilled: toText(c.remaining),
    exhausted: p.exhausted,
    notional: toText(c.notional),
    levelsUsed: c.used,
    mid: p.mid,
    touch,
    avgPx: p.avgPx,
    worstPx: p.worstPx,
    slippageBpsMid: p.slippageBpsMid,
    slippageBpsTouch: (p.dir * (p.avgPx - touch) * 10_000) / touch,
  };
}

/** The same walk reduced to what a fill is priced with (no decimal text; the fit's hot loop). */
export function walkSlippageBps(
  book: ParsedBook,
  side: TakerSide,
  size: DecimalInput,
): { slippageBpsMid: number; exhausted: boolean } {
  const p = price(book, side, consume(book, side, size));
  return { slippageBpsMid: p.slippageBpsMid, exhausted: p.exhausted };
}

/** Walks `book` for a taker order of `size` coins (decimal string or number). */
export function walkBook(book: DepthBook, side: TakerSide, size: DecimalInput): WalkResult {
  return walkParsed(parseBook(book), side, size);
}

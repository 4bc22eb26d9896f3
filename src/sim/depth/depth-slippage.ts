/**
 * The fill price function of v5, the one the simulated venue calls for every taker fill:
 *   1. the latest recorded book of the coin at or before the fill, at most `maxBookAgeMs` old, walked
 *      for the order's size (slippage against the book's mid);
 *   2. else the coin's fitted impact model at the market state of the bars closed by then;
 *   3. else (no model: too few recorded books) the flat per-side slippage of the resolved model.
 * The bps are applied to the venue's reference price (the next bar's open in replay), which stands in
 * for mid. Never a book after the fill time; counts by source are kept for reports.
 */
import type { DepthSettings } from "../models/model.ts";
import { type CoinImpactModel, predictSlippageBps } from "./impact-model.ts";
import type { MarketState } from "./market-state.ts";
import { type ParsedBook, type TakerSide, walkSlippageBps } from "./walk.ts";

export interface SlippageRequest {
  coin: string;
  side: TakerSide;
  /** Size in coins. */
  size: number;
  /** Fill time, ms. */
  t: number;
  /** Reference price the slippage is applied to (sizes the impact model's notional). */
  px: number;
}

export type SlippageSource = "book" | "impact" | "flat";

export interface SlippageQuote {
  /** Adverse slippage, bps of the reference price (≥ 0 for the book walk and the model). */
  bps: number;
  source: SlippageSource;
  /** Time of the walked snapshot (source "book"). */
  bookT: number | null;
  /** The walk ran past the recorded levels (its tail is the continuation assumption). */
  exhausted: boolean;
}

/** Where recorded books, market states and fitted models come from (memory or the ledger). */
export interface DepthData {
  /** Latest book of `coin` with time in [t − maxAgeMs, t], parsed; null if none. */
  bookAt(coin: string, t: number, maxAgeMs: number): ParsedBook | null;
  /** Market state from the bars closed by t; null if too few. */
  stateAt(coin: string, t: number): MarketState | null;
  model(coin: string): CoinImpactModel | null;
}

export function quoteSlippage(
  req: SlippageRequest,
  data: DepthData,
  settings: DepthSettings,
  flatBps: number,
): SlippageQuote {
  const book = data.bookAt(req.coin, req.t, settings.maxBookAgeMs);
  if (book) {
    const w = walkSlippageBps(book, req.side, req.size);
    return { bps: w.slippageBpsMid, source: "book", bookT: book.t, exhausted: w.exhausted };
  }
  const model = data.model(req.coin);
  if (model) {
    const bps = predictSlippageBps(model, req.size * req.px, data.stateAt(req.coin, req.t));
    return { bps, source: "impact", bookT: null, exhausted: false };
  }
  return { bps: flatBps, source: "flat", bookT: null, exhausted: false };
}

export interface SourceCounts {
  book: number;
  impact: number;
  flat: number;
  exhausted: number;
}

/** quoteSlippage bound to its data and settings, counting fills per coin and source. */
export class DepthSlippage {
  readonly counts = new Map<string, SourceCounts>();

  constructor(
    readonly data: DepthData,
    readonly settings: DepthSettings,
    readonly flatBps: number,
  ) {}

  quote(req: SlippageRequest): SlippageQuote {
    const q = quoteSlippage(req, this.data, this.settings, this.flatBps);
    let c = this.counts.get(req.coin);
    if (!c) {
      c = { book: 0, impact: 0, flat: 0, exhausted: 0 };
      this.counts.set(req.coin, c);
    }
    c[q.source]++;
    if (q.exhausted) c.exhausted++;
    return q;
  }
}

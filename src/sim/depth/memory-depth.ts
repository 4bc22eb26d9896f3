/**
 * DepthData held in memory: recorded books per coin (sorted by time), the state bars per coin and
 * the impact models fitted on those books. Used by tests and by research runs over book files; a
 * book is parsed when first walked and kept.
 */

import { intervalMs } from "../../core/intervals.ts";
import type { CandleColumns } from "../../ledger/repos/candles.ts";
import type { DepthSettings } from "../models/model.ts";
import { lastAtOrBefore } from "./at-or-before.ts";
import type { DepthBook } from "./depth-book.ts";
import type { DepthData } from "./depth-slippage.ts";
import { type FitSample, fitImpactModel } from "./impact-fit.ts";
import type { CoinImpactModel } from "./impact-model.ts";
import { type MarketState, marketStateAt } from "./market-state.ts";
import { type ParsedBook, parseBook } from "./walk.ts";

interface CoinBooks {
  times: Float64Array;
  books: readonly DepthBook[];
  parsed: Map<number, ParsedBook>;
}

export class MemoryDepth implements DepthData {
  private readonly books = new Map<string, CoinBooks>();
  private readonly barMs: number;

  constructor(
    books: ReadonlyMap<string, readonly DepthBook[]>,
    private readonly bars: ReadonlyMap<string, CandleColumns>,
    private readonly settings: DepthSettings,
    readonly models: ReadonlyMap<string, CoinImpactModel>,
  ) {
    this.barMs = intervalMs(settings.stateInterval);
    for (const [coin, list] of books) {
      const sorted = [...list].sort((a, b) => a.t - b.t);
      this.books.set(coin, {
        times: Float64Array.from(sorted, (b) => b.t),
        books: sorted,
        parsed: new Map(),
      });
    }
  }

  /**
   * Fits each coin's impact model on its books (coins below `minFitSnapshots` get none) and holds
   * books, bars and models together.
   */
  static fit(
    books: ReadonlyMap<string, readonly DepthBook[]>,
    bars: ReadonlyMap<string, CandleColumns>,
    settings: DepthSettings,
    flatBps: number,
  ): MemoryDepth {
    const barMs = intervalMs(settings.stateInterval);
    const models = new Map<string, CoinImpactModel>();
    for (const [coin, list] of books) {
      const cols = bars.get(coin);
      const stride = Math.max(1, Math.ceil(list.length / settings.maxFitSnapshots));
      const sorted = [...list].sort((a, b) => a.t - b.t).filter((_, i) => i % stride === 0);
      const samples: FitSample[] = sorted.map((b) => ({
        book: parseBook(b),
        state: cols ? marketStateAt(cols, barMs, b.t, settings.stateWindowBars) : null,
      }));
      const model = fitImpactModel(coin, samples, settings, flatBps);
      if (model) models.set(coin, model);
    }
    return new MemoryDepth(books, bars, settings, models);
  }

  bookAt(coin: string, t: number, maxAgeMs: number): ParsedBook | null {
    const c = this.books.get(coin);
    if (!c) return null;
    const i = lastAtOrBefore(c.times, t);
    if (i < 0 || t - c.times[i]! > maxAgeMs) return null;
    let parsed = c.parsed.get(i);
    if (!parsed) {
      parsed = parseBook(c.books[i]!);
      c.parsed.set(i, parsed);
    }
    return parsed;
  }

  stateAt(coin: string, t: number): MarketState | null {
    const cols = this.bars.get(coin);
    return cols ? marketStateAt(cols, this.barMs, t, this.settings.stateWindowBars) : null;
  }

  model(coin: string): CoinImpactModel | null {
    return this.models.get(coin) ?? null;
  }
}

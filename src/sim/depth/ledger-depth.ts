/**
 * DepthData read from the ledger, for backtests and the daemon's shadow path: the latest recorded
 * snapshot before a fill is one indexed query, the market state one short candle range; impact
 * models are fitted once, when the source is built, on the coin's recorded books (every ⌈n / max⌉-th
 * snapshot in time) up to `fitTo`.
 */
import type { Database } from "bun:sqlite";
import { createHash } from "node:crypto";
import { intervalMs } from "../../core/intervals.ts";
import { BookSnapshotsRepo } from "../../ledger/repos/book-snapshots.ts";
import { CandlesRepo } from "../../ledger/repos/candles.ts";
import type { DepthSettings, FrictionModel } from "../models/model.ts";
import { fromSnapshotRow } from "./depth-book.ts";
import { type DepthData, DepthSlippage } from "./depth-slippage.ts";
import { type FitSample, fitImpactModel } from "./impact-fit.ts";
import type { CoinImpactModel } from "./impact-model.ts";
import { type MarketState, marketStateAt } from "./market-state.ts";
import { type ParsedBook, parseBook } from "./walk.ts";

export class LedgerDepth implements DepthData {
  private readonly books: BookSnapshotsRepo;
  private readonly candles: CandlesRepo;
  private readonly barMs: number;
  private readonly lastParsed = new Map<string, ParsedBook>();

  constructor(
    db: Database,
    private readonly settings: DepthSettings,
    readonly models: ReadonlyMap<string, CoinImpactModel>,
  ) {
    this.books = new BookSnapshotsRepo(db);
    this.candles = new CandlesRepo(db);
    this.barMs = intervalMs(settings.stateInterval);
  }

  /** Fits the impact model of each of `coins` on its books with t < fitTo, then serves fills. */
  static fit(
    db: Database,
    coins: readonly string[],
    fitTo: number,
    settings: DepthSettings,
    flatBps: number,
  ): LedgerDepth {
    const source = new LedgerDepth(db, settings, new Map());
    const coverage = new Map(source.books.coverage().map((c) => [c.coin, c]));
    const models = new Map<string, CoinImpactModel>();
    for (const coin of coins) {
      const n = coverage.get(coin)?.withLevels ?? 0;
      if (n < settings.minFitSnapshots) continue;
      const stride = Math.max(1, Math.ceil(n / settings.maxFitSnapshots));
      const samples: FitSample[] = [];
      source.books.everyNthWithLevels(coin, 0, fitTo, stride, (row) => {
        const book = fromSnapshotRow(row);
        if (book) samples.push({ book: parseBook(book), state: source.stateAt(coin, row.t) });
      });
      const model = fitImpactModel(coin, samples, settings, flatBps);
      if (model) models.set(coin, model);
    }
    return new LedgerDepth(db, settings, models);
  }

  /** Identifies the books behind the fitted models (stored with a run beside the candle data hash). */
  digest(): string {
    const parts = [...this.models.values()].map(
      (m) => `${m.coin}|${m.sample.snapshots}|${m.sample.from}|${m.sample.to}`,
    );
    return createHash("sha256").update(parts.sort().join("\n")).digest("hex").slice(0, 16);
  }

  bookAt(coin: string, t: number, maxAgeMs: number): ParsedBook | null {
    const row = this.books.atOrBefore(coin, t, maxAgeMs);
    const book = row && fromSnapshotRow(row);
    if (!book) return null;
    const cached = this.lastParsed.get(coin);
    if (cached?.t === book.t) return cached;
    const parsed = parseBook(book);
    this.lastParsed.set(coin, parsed);
    return parsed;
  }

  stateAt(coin: string, t: number): MarketState | null {
    // The window's bars close by t, so they open after t − (W + 2)·bar; the bar before them gives the first return.
    const from = t - (this.settings.stateWindowBars + 2) * this.barMs;
    const cols = this.candles.columns(coin, this.settings.stateInterval, from, t);
    return marketStateAt(cols, this.barMs, t, this.settings.stateWindowBars);
  }

  model(coin: string): CoinImpactModel | null {
    return this.models.get(coin) ?? null;
  }
}

/**
 * The depth slippage a depth model (v5) runs with, from the ledger: impact models fitted on the books
 * recorded before `fitTo`, flat fallback at the model's resolved `slippageBps`; with the digest of
 * the books behind the fit. Null for other models.
 */
export function ledgerDepthSlippage(
  db: Database,
  model: FrictionModel,
  coins: readonly string[],
  fitTo: number,
): { slippage: DepthSlippage; digest: string } | null {
  if (!model.depth) return null;
  const data = LedgerDepth.fit(db, coins, fitTo, model.depth, model.slippageBps);
  return { slippage: new DepthSlippage(data, model.depth, model.slippageBps), digest: data.digest() };
}

/**
 * Market-data answers of POST /info: meta, metaAndAssetCtxs, allMids, l2Book, candleSnapshot and
 * fundingHistory, in Hyperliquid's payload shapes, from the replayed market at the fake "now".
 */
import { HOUR_MS } from "../core/clock.ts";
import { BOOK_DEPTH, type Book } from "./book.ts";
import { type CandleLimits, candleSnapshot, type WireCandle } from "./candles.ts";
import type { BookLevel } from "./data.ts";
import type { FakeState } from "./state.ts";
import { metaPayload, UNIVERSE } from "./universe.ts";
import { fmtDec, fmtPx, fmtSz, fmtUsd, plain } from "./wire.ts";

/** Open interest shown in asset contexts, as a share of the last 24 h base volume (HL majors: ~0.6). */
const OI_PER_DAY_VOLUME = 0.6;
/** Notional used for impact prices: $20k for BTC/ETH, $6k for the rest (HL's premium sampling). */
const IMPACT_USD_MAJOR = 20_000;
const IMPACT_USD_OTHER = 6_000;
/** Price a delisted coin shows in its context (its last price on HL's books). */
const DELISTED_PX = 0.2233;

export { metaPayload };

export function assetCtxs(state: FakeState): unknown[] {
  const now = state.clock.now();
  return UNIVERSE.map((asset) => {
    if (asset.isDelisted) {
      const px = fmtDec(DELISTED_PX, 6);
      return {
        funding: "0.0",
        openInterest: "0.0",
        prevDayPx: px,
        dayNtlVlm: "0.0",
        premium: null,
        oraclePx: px,
        markPx: px,
        midPx: null,
        impactPxs: null,
        dayBaseVlm: "0.0",
      };
    }
    const model = state.market.model(asset.name);
    const t = Math.max(now, model.start);
    const mark = state.market.mark(asset.name, t)!;
    const oracle = state.market.oracle(asset.name, t)!;
    const rate = state.market.currentFunding(asset.name, t);
    const dayBase = model.volume(t - 24 * HOUR_MS, t);
    const book = state.books.get(asset.name, t);
    const sz = asset.szDecimals;
    return {
      dayNtlVlm: fmtUsd(dayBase * mark, 2),
      funding: plain(rate),
      impactPxs: book ? impactPxs(book, asset.name === "BTC" || asset.name === "ETH", sz) : null,
      markPx: fmtPx(mark, sz),
      midPx: book ? midOf(book, sz) : null,
      openInterest: fmtDec(dayBase * OI_PER_DAY_VOLUME, sz),
      oraclePx: fmtPx(oracle, sz),
      premium: fmtDec(state.market.premium(rate), 8),
      prevDayPx: fmtPx(model.priceAt(t - 24 * HOUR_MS) ?? mark, sz),
      dayBaseVlm: fmtDec(dayBase, sz),
    };
  });
}

function midOf(book: Book, szDecimals: number): string | null {
  const bid = book.bids[0]?.px;
  const ask = book.asks[0]?.px;
  return bid === undefined || ask === undefined ? null : fmtDec((bid + ask) / 2, 8 - Math.min(8, szDecimals));
}

/** Average price to buy/sell the impact notional. */
function impactPxs(book: Book, major: boolean, szDecimals: number): [string, string] | null {
  const usd = major ? IMPACT_USD_MAJOR : IMPACT_USD_OTHER;
  const walk = (levels: BookLevel[]) => {
    let left = usd;
    let px = levels[0]?.px ?? 0;
    for (const l of levels) {
      px = l.px;
      left -= l.px * l.sz;
      if (left <= 0) break;
    }
    return px;
  };
  if (!book.bids[0] || !book.asks[0]) return null;
  return [fmtPx(walk(book.bids), szDecimals), fmtPx(walk(book.asks), szDecimals)];
}

export function allMids(state: FakeState): Record<string, string> {
  const now = state.clock.now();
  const out: Record<string, string> = {};
  for (const asset of UNIVERSE) {
    if (asset.isDelisted) continue;
    const book = state.books.get(asset.name, now);
    const mid = book ? midOf(book, asset.szDecimals) : null;
    if (mid) out[asset.name] = mid;
  }
  return out;
}

export function l2Book(state: FakeState, coin: string, nSigFigs: number | null): unknown {
  const book = state.books.get(coin, state.clock.now());
  const asset = state.market.asset(coin);
  if (!book || !asset) return null;
  const side = (levels: BookLevel[], up: boolean) =>
    aggregate(levels, nSigFigs, up)
      .slice(0, BOOK_DEPTH)
      .map((l) => ({ px: fmtPx(l.px, asset.szDecimals), sz: fmtSz(l.sz, asset.szDecimals), n: l.n }));
  return { coin, time: book.time, levels: [side(book.bids, false), side(book.asks, true)] };
}

/** Levels bucketed to `nSigFigs` significant figures (bids round down, asks up), like HL's nSigFigs. */
function aggregate(levels: BookLevel[], nSigFigs: number | null, up: boolean): BookLevel[] {
  if (!nSigFigs) return levels;
  const out: BookLevel[] = [];
  for (const l of levels) {
    const step = 10 ** (Math.floor(Math.log10(l.px)) - nSigFigs + 1);
    const px = Number(((up ? Math.ceil(l.px / step) : Math.floor(l.px / step)) * step).toPrecision(12));
    const last = out.at(-1);
    if (last && last.px === px) {
      last.sz += l.sz;
      last.n += l.n;
    } else out.push({ ...l, px });
  }
  return out;
}

export function candles(
  state: FakeState,
  req: { coin: string; interval: string; startTime: number; endTime?: number | undefined },
  limits: CandleLimits,
): WireCandle[] {
  const now = state.clock.now();
  if (!state.market.asset(req.coin)) return [];
  return candleSnapshot(
    state.market.data,
    state.market.model(req.coin),
    { ...req, endTime: req.endTime ?? now },
    now,
    limits,
  );
}

export function fundingHistory(
  state: FakeState,
  req: { coin: string; startTime: number; endTime?: number | undefined },
  pageSize: number,
): unknown[] {
  const f = state.market.data.funding(req.coin);
  if (!f) return [];
  const end = Math.min(req.endTime ?? Number.POSITIVE_INFINITY, state.clock.now());
  const out: unknown[] = [];
  for (let i = lowerBound(f.time, req.startTime); i < f.time.length && out.length < pageSize; i++) {
    const time = f.time[i]!;
    if (time > end) break;
    const rate = f.rate[i]!;
    out.push({ coin: req.coin, fundingRate: plain(rate), premium: fmtDec(rate * 8 - 0.0001, 8), time });
  }
  return out;
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

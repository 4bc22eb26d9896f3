/**
 * Question 7's book-side features at a decision, from the latest book snapshot and asset contexts
 * recorded at or before the decision time (never after):
 *   spread_bps        (ask − bid) / mid, bps
 *   imbalance_N       (bid size − ask size) / (bid size + ask size) over the top N levels, N = 1, 5, 10
 *                     (exact sums of the recorded sizes; null when a side has fewer than N levels)
 *   premium           the asset context's premium (HL's mark premium over oracle, a fraction)
 *   oi_change         open interest now / open interest `oiLagMs` earlier − 1
 *   mark_oracle_bps   (mark − oracle) / oracle, bps
 * A feature whose input is missing is null. `orientFeatures` signs the directional ones by the
 * trade's side (positive = pressure in the trade's favour).
 */
import type { Side } from "../core/bucket.ts";
import type { AssetCtxRow } from "../ledger/repos/asset-ctxs.ts";
import type { BookSnapshotRow } from "../ledger/repos/book-snapshots.ts";
import { rowAtOrBefore } from "../sim/depth/at-or-before.ts";
import { fromSnapshotRow } from "../sim/depth/depth-book.ts";
import { add, toNumber, ZERO } from "../sim/depth/exact.ts";
import { type ParsedBook, type ParsedLevel, parseBook } from "../sim/depth/walk.ts";

export const IMBALANCE_LEVELS = [1, 5, 10] as const;

export interface BookFeatures {
  spread_bps: number | null;
  imbalance_1: number | null;
  imbalance_5: number | null;
  imbalance_10: number | null;
  premium: number | null;
  oi_change: number | null;
  mark_oracle_bps: number | null;
}

export type BookFeatureName = keyof BookFeatures;

export const BOOK_FEATURES: readonly BookFeatureName[] = [
  "spread_bps",
  "imbalance_1",
  "imbalance_5",
  "imbalance_10",
  "premium",
  "oi_change",
  "mark_oracle_bps",
];

/** Features whose sign says which side they favour (bid pressure, mark above oracle). */
const DIRECTIONAL: readonly BookFeatureName[] = [
  "imbalance_1",
  "imbalance_5",
  "imbalance_10",
  "premium",
  "mark_oracle_bps",
];

export interface FeatureInputs {
  book: ParsedBook | null;
  ctx: AssetCtxRow | null;
  /** The context `oiLagMs` before the decision (for the open-interest change). */
  ctxBefore: AssetCtxRow | null;
}

function sideSize(levels: readonly ParsedLevel[], n: number): number | null {
  if (levels.length < n) return null;
  let sum = ZERO;
  for (let i = 0; i < n; i++) sum = add(sum, levels[i]!.sz);
  return toNumber(sum);
}

export function bookFeatures({ book, ctx, ctxBefore }: FeatureInputs): BookFeatures {
  const imbalance = (n: number): number | null => {
    if (!book) return null;
    const b = sideSize(book.bids, n);
    const a = sideSize(book.asks, n);
    return b === null || a === null ? null : (b - a) / (b + a);
  };
  const mid = book ? toNumber(book.mid) : null;
  const oi = ctx?.openInterest ?? null;
  const oiBefore = ctxBefore?.openInterest ?? null;
  return {
    spread_bps:
      book && mid ? ((toNumber(book.asks[0]!.px) - toNumber(book.bids[0]!.px)) / mid) * 10_000 : null,
    imbalance_1: imbalance(1),
    imbalance_5: imbalance(5),
    imbalance_10: imbalance(10),
    premium: ctx?.premium ?? null,
    oi_change: oi !== null && oiBefore !== null && oiBefore > 0 ? oi / oiBefore - 1 : null,
    mark_oracle_bps:
      ctx && ctx.oraclePx !== null && ctx.oraclePx > 0
        ? ((ctx.markPx - ctx.oraclePx) / ctx.oraclePx) * 10_000
        : null,
  };
}

/** Directional features multiplied by the trade's direction (+1 long, −1 short). */
export function orientFeatures(f: BookFeatures, side: Side): BookFeatures {
  const d = side === "long" ? 1 : -1;
  const out = { ...f };
  for (const k of DIRECTIONAL) if (out[k] !== null) out[k] = d * out[k]!;
  return out;
}

export interface PickSettings {
  maxBookAgeMs: number;
  maxCtxAgeMs: number;
  oiLagMs: number;
}

/** The inputs at decision time `t` from one coin's recorded rows (each sorted by t). */
export function pickInputs(
  books: readonly BookSnapshotRow[],
  ctxs: readonly AssetCtxRow[],
  t: number,
  s: PickSettings,
): FeatureInputs {
  const row = rowAtOrBefore(books, t, s.maxBookAgeMs);
  // A snapshot kept without levels still gives the top of book (spread, imbalance_1).
  const depth = row
    ? (fromSnapshotRow(row) ?? {
        coin: row.coin,
        t: row.t,
        bids: [{ px: row.bestBid, sz: row.bidSz }],
        asks: [{ px: row.bestAsk, sz: row.askSz }],
      })
    : null;
  return {
    book: depth ? parseBook(depth) : null,
    ctx: rowAtOrBefore(ctxs, t, s.maxCtxAgeMs),
    ctxBefore: rowAtOrBefore(ctxs, t - s.oiLagMs, s.maxCtxAgeMs),
  };
}

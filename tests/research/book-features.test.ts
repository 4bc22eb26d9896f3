// Book-side features on the REAL first BTC snapshot of the l2Book hour (levels in walk.test.ts),
// hand-computed, and the no-lookahead pick of book and asset context at decision time.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { AssetCtxRow } from "../../src/ledger/repos/asset-ctxs.ts";
import { bookFeatures, orientFeatures, pickInputs } from "../../src/research/book-features.ts";
import { toSnapshotRow } from "../../src/sim/depth/depth-book.ts";
import { parseL2BookCsv } from "../../src/sim/depth/l2book-csv.ts";
import { parseBook } from "../../src/sim/depth/walk.ts";
import { HL_DATA } from "../support/paths.ts";

const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
const first = books[0]!;
const T0 = first.t;
const ctx = (t: number, markPx: number, openInterest: number): AssetCtxRow => ({
  coin: "BTC",
  t,
  markPx,
  oraclePx: 42_700,
  midPx: null,
  funding: 0.0000125,
  openInterest,
  premium: 0.0004,
  dayNtlVlm: null,
});

describe("bookFeatures", () => {
  test("spread and depth imbalance at 1 / 5 / 10 levels, hand-computed", () => {
    const f = bookFeatures({ book: parseBook(first), ctx: null, ctxBefore: null });
    // spread: (42729 − 42727) / 42728 × 1e4 = 0.468077 bps
    expect(f.spread_bps).toBeCloseTo(0.468077, 6);
    // top 1: (0.02265 − 3.83257) / (0.02265 + 3.83257) = −0.988250
    expect(f.imbalance_1).toBeCloseTo(-0.9882497, 7);
    // top 5: bids 4.31053, asks 24.17436 → −19.86383 / 28.48489 = −0.697346
    expect(f.imbalance_5).toBeCloseTo(-0.6973462, 7);
    // top 10: bids 23.39, asks 48.12248 → −24.73248 / 71.51248 = −0.345848
    expect(f.imbalance_10).toBeCloseTo(-0.3458484, 7);
    expect([f.premium, f.oi_change, f.mark_oracle_bps]).toEqual([null, null, null]);
  });

  test("asset-context features: premium, OI change over the lag, mark–oracle gap", () => {
    const f = bookFeatures({
      book: null,
      ctx: ctx(T0, 42_721.35, 1000),
      ctxBefore: ctx(T0 - 3_600_000, 42_000, 950),
    });
    expect(f.premium).toBe(0.0004);
    expect(f.oi_change).toBeCloseTo(1000 / 950 - 1, 12);
    expect(f.mark_oracle_bps).toBeCloseTo(5, 9); // (42721.35 − 42700) / 42700 × 1e4 = 5.0000
    expect(f.spread_bps).toBeNull();
  });

  test("orientFeatures flips the directional features for a short, not spread or OI", () => {
    const f = bookFeatures({
      book: parseBook(first),
      ctx: ctx(T0, 42_721.35, 1000),
      ctxBefore: ctx(T0 - 3_600_000, 42_000, 950),
    });
    const s = orientFeatures(f, "short");
    expect(s.imbalance_5).toBe(-f.imbalance_5!);
    expect(s.mark_oracle_bps).toBe(-f.mark_oracle_bps!);
    expect(s.premium).toBe(-f.premium!);
    expect([s.spread_bps, s.oi_change]).toEqual([f.spread_bps, f.oi_change]);
    expect(orientFeatures(f, "long")).toEqual(f);
  });
});

describe("pickInputs", () => {
  const rows = books.slice(0, 50).map(toSnapshotRow);
  const ctxs = [ctx(T0 - 3_600_000, 42_000, 950), ctx(T0, 42_721.35, 1000), ctx(T0 + 60_000, 43_000, 2000)];
  const s = { maxBookAgeMs: 120_000, maxCtxAgeMs: 120_000, oiLagMs: 3_600_000 };

  test("the latest book and context at or before the decision, never a later one", () => {
    const t = rows[10]!.t + 1;
    const inputs = pickInputs(rows, ctxs, t, s);
    expect(inputs.book!.t).toBe(rows[10]!.t);
    expect(inputs.ctx!.t).toBe(T0); // the one a minute later is not seen
    expect(inputs.ctxBefore!.t).toBe(T0 - 3_600_000);
    expect(pickInputs(rows, ctxs, T0 - 1, s).book).toBeNull();
  });

  test("a snapshot kept without levels still gives spread and the top-level imbalance", () => {
    const topOnly = [{ ...rows[0]!, levels: null }];
    const f = bookFeatures(pickInputs(topOnly, [], rows[0]!.t, s));
    expect(f.spread_bps).toBeCloseTo(0.468077, 6);
    expect(f.imbalance_1).toBeCloseTo(-0.9882497, 7);
    expect(f.imbalance_5).toBeNull();
  });
});

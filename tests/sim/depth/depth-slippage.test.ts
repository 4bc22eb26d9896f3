// The fill function v5's venue calls: which source prices a fill, never a book after the fill time.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseCandleColumns } from "../../../src/market/csv-files.ts";
import { DepthSlippage, quoteSlippage } from "../../../src/sim/depth/depth-slippage.ts";
import { predictSlippageBps } from "../../../src/sim/depth/impact-model.ts";
import { parseL2BookCsv } from "../../../src/sim/depth/l2book-csv.ts";
import { MemoryDepth } from "../../../src/sim/depth/memory-depth.ts";
import { walkBook } from "../../../src/sim/depth/walk.ts";
import { v5 } from "../../../src/sim/models/v5.ts";
import { HL_DATA } from "../../support/paths.ts";

const settings = v5.depth!;
const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
const bars = new Map([["BTC", parseCandleColumns(join(HL_DATA, "BTC-4h.csv.gz"))]]);
const depth = MemoryDepth.fit(new Map([["BTC", books]]), bars, settings, 5);
const first = books[0]!; // t = 1704110399915, mid 42728

describe("quoteSlippage", () => {
  test("a book taken before the fill and within 2 minutes is walked", () => {
    const q = quoteSlippage(
      { coin: "BTC", side: "buy", size: 5, t: first.t + 30_000, px: 42_730 },
      depth,
      settings,
      5,
    );
    // Latest book at or before t: find it independently of the code under test.
    const latest = books.filter((b) => b.t <= first.t + 30_000).at(-1)!;
    expect(q.source).toBe("book");
    expect(q.bookT).toBe(latest.t);
    expect(q.bps).toBeCloseTo(walkBook(latest, "buy", 5).slippageBpsMid, 12);
  });

  test("no lookahead: just before the first snapshot there is no book, so the impact model prices it", () => {
    const q = quoteSlippage(
      { coin: "BTC", side: "buy", size: 5, t: first.t - 1, px: 42_728 },
      depth,
      settings,
      5,
    );
    expect(q.source).toBe("impact");
    const model = depth.model("BTC")!;
    expect(q.bps).toBeCloseTo(predictSlippageBps(model, 5 * 42_728, depth.stateAt("BTC", first.t - 1)), 12);
  });

  test("a book older than 2 minutes is not used; a coin without a model gets the flat slippage", () => {
    const last = books.at(-1)!;
    expect(
      quoteSlippage(
        { coin: "BTC", side: "sell", size: 1, t: last.t + 120_001, px: 42_700 },
        depth,
        settings,
        5,
      ).source,
    ).toBe("impact");
    expect(
      quoteSlippage(
        { coin: "BTC", side: "sell", size: 1, t: last.t + 120_000, px: 42_700 },
        depth,
        settings,
        5,
      ).source,
    ).toBe("book");
    const eth = quoteSlippage(
      { coin: "ETH", side: "buy", size: 1, t: first.t, px: 2300 },
      depth,
      settings,
      5,
    );
    expect(eth).toEqual({ bps: 5, source: "flat", bookT: null, exhausted: false });
  });

  test("DepthSlippage counts fills per coin and source, and flags walks past the recorded levels", () => {
    const ds = new DepthSlippage(depth, settings, 5);
    ds.quote({ coin: "BTC", side: "buy", size: 100, t: first.t, px: 42_728 }); // 76.5 BTC recorded
    ds.quote({ coin: "BTC", side: "buy", size: 1, t: first.t - 1, px: 42_728 });
    ds.quote({ coin: "ETH", side: "buy", size: 1, t: first.t, px: 2300 });
    expect(ds.counts.get("BTC")).toEqual({ book: 1, impact: 1, flat: 0, exhausted: 1 });
    expect(ds.counts.get("ETH")).toEqual({ book: 0, impact: 0, flat: 1, exhausted: 0 });
  });
});

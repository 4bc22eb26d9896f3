// walkBook on the REAL Hyperliquid BTC l2Book hour (2024-01-01 12:00, 20 levels per side). Every
// expected value is hand arithmetic on the levels printed below, never the code's own output.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { DepthInputError, fromSnapshotRow, toSnapshotRow } from "../../../src/sim/depth/depth-book.ts";
import { parseL2BookCsv } from "../../../src/sim/depth/l2book-csv.ts";
import { walkBook } from "../../../src/sim/depth/walk.ts";
import { HL_DATA } from "../../support/paths.ts";

const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
// The first snapshot, t = 1704110399915 (2024-01-01 11:59:59.915 UTC):
//   bids  42727.0 × 0.02265 | 42723.0 × 0.17828 | 42720.0 × 0.07722 | 42719.0 × 0.0234 | 42718.0 × 4.00898 …
//   asks  42729.0 × 3.83257 | 42731.0 × 0.397   | 42734.0 × 3.77308 | 42735.0 × 8.35117 | … | 43000.0 × 0.00262
//   mid = (42727 + 42729) / 2 = 42728
const book = books[0]!;

describe("walkBook on the real BTC book", () => {
  test("the file is the hour the data README describes", () => {
    expect(books.length).toBe(5587);
    expect(book.t).toBe(1704110399915);
    expect([book.bids.length, book.asks.length]).toEqual([20, 20]);
  });

  test("buy 5 BTC: two ask levels and part of the third", () => {
    // 3.83257 × 42729 = 163761.88353
    // 0.397   × 42731 =  16964.207        (cumulative 4.22957 BTC)
    // 0.77043 × 42734 =  32923.55562      (5 − 4.22957 = 0.77043 left for the third level)
    // notional = 213649.64615; average = 213649.64615 / 5 = 42729.92923
    // vs mid:   (42729.92923 − 42728) / 42728 × 1e4 = 1.92923 / 4.2728 = 0.451514 bps
    // vs touch: (42729.92923 − 42729) / 42729 × 1e4 = 0.92923 / 4.2729 = 0.217471 bps
    const w = walkBook(book, "buy", "5");
    expect(w.notional).toBe("213649.64615");
    expect(w.levelsUsed).toBe(3);
    expect(w.exhausted).toBe(false);
    expect([w.filled, w.unfilled]).toEqual(["5", "0"]);
    expect([w.mid, w.touch, w.worstPx]).toEqual([42728, 42729, 42734]);
    expect(w.avgPx).toBeCloseTo(42729.92923, 9);
    expect(w.slippageBpsMid).toBeCloseTo(0.4515142, 6);
    expect(w.slippageBpsTouch).toBeCloseTo(0.2174706, 6);
  });

  test("sell 0.3 BTC: three bid levels and part of the fourth", () => {
    // 0.02265 × 42727 =  967.76655
    // 0.17828 × 42723 = 7616.65644        (cumulative 0.20093)
    // 0.07722 × 42720 = 3298.8384         (cumulative 0.27815)
    // 0.02185 × 42719 =  933.41015        (0.3 − 0.27815 = 0.02185 of the 0.0234 there)
    // notional = 12816.67154; average = 12816.67154 / 0.3 = 42722.2384667
    // vs mid:   (42728 − 42722.2384667) / 42728 × 1e4 = 5.7615333 / 4.2728 = 1.348421 bps
    // vs touch: (42727 − 42722.2384667) / 42727 × 1e4 = 4.7615333 / 4.2727 = 1.114409 bps
    const w = walkBook(book, "sell", 0.3);
    expect(w.notional).toBe("12816.67154");
    expect(w.levelsUsed).toBe(4);
    expect(w.worstPx).toBe(42719);
    expect(w.avgPx).toBeCloseTo(42722.2384667, 6);
    expect(w.slippageBpsMid).toBeCloseTo(1.348421, 6);
    expect(w.slippageBpsTouch).toBeCloseTo(1.114409, 6);
  });

  test("exact decimals: a size that ends exactly on a level boundary touches no further level", () => {
    // 0.30155 = 0.02265 + 0.17828 + 0.07722 + 0.0234: the first four bids exactly. In floats
    // 0.30155 − 0.02265 − 0.17828 − 0.07722 = 0.02339999999999999 < 0.0234, so a float walk would
    // end with a residue; exactly, the fourth level is taken whole and nothing is left.
    // notional = 967.76655 + 7616.65644 + 0.07722 × 42720 (3298.8384) + 0.0234 × 42719 (999.6246)
    //          = 12882.88599
    const w = walkBook(book, "sell", "0.30155");
    expect(w.notional).toBe("12882.88599");
    expect(w.levelsUsed).toBe(4);
    expect(w.unfilled).toBe("0");
    expect(w.worstPx).toBe(42719);
  });

  test("buy 100 BTC runs out of the 20 recorded asks; the rest is priced on the stated continuation", () => {
    // The 20 asks hold 76.50757 BTC for 3273877.9164 USDC; the last is 43000, 272 above mid.
    // Continuation density = 76.50757 BTC / 272 USD. The remaining 23.49243 BTC move the price a
    // further 23.49243 × 272 / 76.50757 = 83.520375 USD, filling on average at 43000 + 41.760188.
    // total = 3273877.9164 + 23.49243 × 43041.760188 = 4285033.454685; average = 42850.334547
    // vs mid: (42850.334547 − 42728) / 42728 × 1e4 = 28.631002 bps
    const w = walkBook(book, "buy", 100);
    expect(w.exhausted).toBe(true);
    expect(w.levelsUsed).toBe(20);
    expect([w.filled, w.unfilled, w.notional]).toEqual(["76.50757", "23.49243", "3273877.9164"]);
    expect(w.worstPx).toBeCloseTo(43083.520375, 5);
    expect(w.avgPx).toBeCloseTo(42850.334547, 5);
    expect(w.slippageBpsMid).toBeCloseTo(28.631002, 5);
    expect(w.slippageBpsTouch).toBeCloseTo(28.396299, 5);
  });

  test("the ledger's stored form (numbers) walks exactly like the file's text", () => {
    const stored = fromSnapshotRow(toSnapshotRow(book))!;
    for (const [side, size] of [
      ["buy", "5"],
      ["sell", "0.30155"],
      ["buy", "100"],
    ] as const) {
      expect(walkBook(stored, side, size)).toEqual(walkBook(book, side, size));
    }
  });

  test("a book that cannot be walked is a typed error", () => {
    expect(() => walkBook(book, "buy", 0)).toThrow(DepthInputError);
    expect(() => walkBook({ ...book, asks: [] }, "buy", 1)).toThrow(DepthInputError);
    expect(() => walkBook({ ...book, asks: [{ px: "42700", sz: "1" }] }, "buy", 1)).toThrow("crossed");
    expect(() => walkBook({ ...book, bids: [...book.bids].reverse() }, "sell", 1)).toThrow("best-first");
  });
});

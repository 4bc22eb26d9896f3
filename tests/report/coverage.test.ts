// What the data covers: first/last bar inside the window, gaps on the interval grid, when the
// features were warm, and the warning when the rows of a table cover different windows.
import { describe, expect, test } from "bun:test";
import { seriesCoverage, spanOf, tradableSpan, windowsWarning } from "../../src/report/coverage.ts";

const H = 3_600_000;
const T0 = Date.parse("2025-01-01T00:00Z");
const hours = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => T0 + (from + i) * H);

describe("seriesCoverage", () => {
  test("bars inside the window, gaps as runs of missing bars, warm after the warm-up bars", () => {
    const t = [...hours(0, 10), ...hours(13, 20), ...hours(21, 30)];
    const c = seriesCoverage("ETH", "1h", t, { from: T0 + 5 * H, to: T0 + 25 * H }, 4)!;
    expect([c.first, c.last]).toEqual([T0 + 5 * H, T0 + 24 * H]);
    expect(c.bars).toBe(5 + 7 + 4);
    expect(c.gaps).toEqual([
      { from: T0 + 10 * H, to: T0 + 12 * H, bars: 3 },
      { from: T0 + 20 * H, to: T0 + 20 * H, bars: 1 },
    ]);
    // the 4th bar (03:00) closed at 04:00, before the window: warm from the window's start
    expect(c.warmFrom).toBe(T0 + 5 * H);
  });

  test("a series that starts inside the window is warm only after its own warm-up", () => {
    const c = seriesCoverage("OP", "1h", hours(10, 40), { from: T0, to: T0 + 40 * H }, 6)!;
    expect(c.first).toBe(T0 + 10 * H);
    expect(c.warmFrom).toBe(T0 + 16 * H);
    expect(seriesCoverage("OP", "1h", hours(10, 40), { from: T0, to: T0 + 5 * H }, 6)).toBeNull();
  });

  test("spans: data window and tradable window of several series", () => {
    const w = { from: T0, to: T0 + 100 * H };
    const a = seriesCoverage("A", "1h", hours(0, 100), w, 5)!;
    const b = seriesCoverage("B", "1h", hours(30, 80), w, 5)!;
    expect(spanOf([a, b], w)).toEqual({ from: T0, to: T0 + 100 * H });
    expect(tradableSpan([b], w)).toEqual({ from: T0 + 35 * H, to: T0 + 80 * H });
  });
});

describe("windowsWarning", () => {
  const row = (fromDay: number, toDay: number) => ({
    dataWindow: { from: T0 + fromDay * 24 * H, to: T0 + toDay * 24 * H },
  });
  test("silent when the rows agree within a day, names the windows when they differ", () => {
    expect(windowsWarning("per-strategy", { a: row(0, 100), b: row(0, 100) })).toBeNull();
    const w = windowsWarning("per-strategy", { trend: row(0, 100), momentum: row(40, 100) })!;
    expect(w).toContain("per-strategy rows cover different windows");
    expect(w).toContain("trend 2025-01-01 → 2025-04-11");
    expect(w).toContain("momentum 2025-02-10 → 2025-04-11");
  });
});

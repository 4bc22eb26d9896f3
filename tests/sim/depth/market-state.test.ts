import { describe, expect, test } from "bun:test";
import type { CandleColumns } from "../../../src/ledger/repos/candles.ts";
import { marketStateAt } from "../../../src/sim/depth/market-state.ts";

const H = 3_600_000;

function cols(closes: number[], volume = 10, step = 4 * H): CandleColumns {
  const f = (g: (i: number) => number) => Float64Array.from(closes, (_, i) => g(i));
  return {
    t: f((i) => i * step),
    open: f((i) => closes[i]!),
    high: f((i) => closes[i]!),
    low: f((i) => closes[i]!),
    close: f((i) => closes[i]!),
    volume: f(() => volume),
  };
}

describe("marketStateAt", () => {
  test("volatility of log returns per √hour and notional per hour, from closed bars only", () => {
    // closes 100, 110, 99, 108.9: log returns ln 1.1, ln 0.9, ln 1.1 → mean m = (2 ln1.1 + ln0.9)/3
    const c = cols([100, 110, 99, 108.9]);
    const s = marketStateAt(c, 4 * H, 4 * 4 * H, 3)!;
    const r = [Math.log(1.1), Math.log(0.9), Math.log(1.1)];
    const m = (r[0]! + r[1]! + r[2]!) / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / 2);
    expect(s.returns).toBe(3);
    expect(s.volPerSqrtHour).toBeCloseTo(sd / 2, 12); // per 4h bar → per hour: ÷ √4
    expect(s.notionalPerHour).toBeCloseTo(((110 + 99 + 108.9) * 10) / 3 / 4, 9);
    expect(s.barT).toBe(3 * 4 * H);
  });

  test("no lookahead: a bar still open at t is not used", () => {
    const c = cols([100, 110, 99, 108.9, 1000]);
    // At t = 4 bars + 1 ms the fifth bar (open 16h) is open: the state equals the one at 16h exactly.
    expect(marketStateAt(c, 4 * H, 16 * H + 1, 3)).toEqual(marketStateAt(c, 4 * H, 16 * H, 3));
    expect(marketStateAt(c, 4 * H, 20 * H, 3)!.barT).toBe(16 * H);
  });

  test("too few consecutive bars or no volume: no state", () => {
    expect(marketStateAt(cols([100, 101]), 4 * H, 8 * H, 24)).toBeNull();
    expect(marketStateAt(cols([100, 110, 99, 108.9], 0), 4 * H, 16 * H, 3)).toBeNull();
    expect(marketStateAt(cols([100, 110, 99]), 4 * H, 0, 3)).toBeNull();
  });
});

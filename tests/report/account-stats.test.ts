// The live path's account figures: a losing account can never read as a gain, monthly returns
// compound to the total, drawdown stays in [0, 100%], and Sharpe has the sign of the mean daily
// return — on hand-made curves (including the negative-equity curve of the issue) and on many
// generated ones.
import { describe, expect, test } from "bun:test";
import { DAY_MS } from "../../src/core/clock.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import {
  accountStats,
  dailyReturns,
  drawdownSeries,
  type EquityPoint,
  MIN_CAGR_DAYS,
  monthRows,
} from "../../src/report/account-stats.ts";

const T0 = Date.parse("2024-01-01T00:00Z");
const daily = (equities: number[]): EquityPoint[] =>
  equities.map((equity, i) => ({ t: T0 + i * DAY_MS + 3_600_000, equity }));
const window = (days: number) => ({ from: T0, to: T0 + days * DAY_MS });

describe("accountStats", () => {
  test("an account that loses every day has a negative Sharpe and loses at most 100%", () => {
    // The case: a dollar book that falls below zero. Dividing each day's PnL by the previous
    // day's (negative) equity made the last days' losses read as +100% days, so the old
    // curveStats gave this curve Sharpe +3.23, Sortino +6.06, return −160% and drawdown 160%.
    const curve = daily([6000, 3000, 1000, -500, -1500, -3000, -6000]);
    const s = accountStats(curve, 10_000, window(7), [], { t: curve[3]!.t, equity: -500 });
    expect(s.returnPct).toBe(-100);
    expect(s.endEquity).toBe(0);
    expect(s.maxDrawdownPct).toBe(100);
    expect(s.sharpe).not.toBeNull();
    expect(s.sharpe!).toBeLessThan(0);
    expect(dailyReturns(curve, 10_000, T0).every((r) => r < 0 && r >= -1)).toBe(true);
  });

  test("hand-computed: return, CAGR, drawdown, Sharpe and Calmar of a small curve", () => {
    const curve = daily([11_000, 9_900, 10_890]);
    const s = accountStats(curve, 10_000, window(3), [], null);
    expect(s.returnPct).toBeCloseTo(8.9, 10);
    expect(s.maxDrawdownPct).toBeCloseTo(10, 10);
    expect(s.cagrPct).toBeNull(); // under a year
    const r = [0.1, -0.1, 0.1];
    const mean = 0.1 / 3;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    expect(s.sharpe!).toBeCloseTo((mean / sd) * Math.sqrt(365), 10);
    expect(s.sortino!).toBeCloseTo((mean / Math.sqrt(0.01 / 3)) * Math.sqrt(365), 10);
  });

  test("CAGR (and Calmar) only for a window of a year or more: a month's +10% is not printed as +214% a year", () => {
    const month = accountStats(daily([11_000, 10_500, 11_000]), 10_000, window(30), [], null);
    expect(month.returnPct).toBeCloseTo(10, 10);
    expect(month.cagrPct).toBeNull();
    expect(month.calmar).toBeNull();
    const justUnder = accountStats(daily([11_000]), 10_000, window(MIN_CAGR_DAYS - 1), [], null);
    expect(justUnder.cagrPct).toBeNull();
    const twoYears = accountStats(daily([10_500, 9_975, 12_100]), 10_000, window(730), [], null);
    expect(twoYears.cagrPct!).toBeCloseTo((1.21 ** (365 / 730) - 1) * 100, 10); // +10% a year
    expect(twoYears.calmar!).toBeCloseTo(twoYears.cagrPct! / twoYears.maxDrawdownPct, 10);
  });

  test("quiet days count as 0% days; the first day is measured against the starting equity", () => {
    const curve = [
      { t: T0 + 3_600_000, equity: 10_100 },
      { t: T0 + 3 * DAY_MS + 3_600_000, equity: 10_000 },
    ];
    const r = dailyReturns(curve, 10_000, T0);
    expect(r.length).toBe(4);
    expect(r[0]).toBeCloseTo(0.01, 12);
    expect(r[1]).toBe(0);
    expect(r[2]).toBe(0);
    expect(r[3]).toBeCloseTo(10_000 / 10_100 - 1, 12);
  });
});

describe("monthRows", () => {
  test("each month starts at the previous month's close, so the months compound to the total", () => {
    const curve = [
      { t: Date.parse("2024-01-10T00:00Z"), equity: 11_000 },
      { t: Date.parse("2024-01-31T23:00Z"), equity: 12_000 },
      { t: Date.parse("2024-02-15T00:00Z"), equity: 9_000 },
      { t: Date.parse("2024-03-02T00:00Z"), equity: 10_800 },
    ];
    const rows = monthRows(curve, 10_000, []);
    expect(rows.map((m) => m.month)).toEqual(["2024-01", "2024-02", "2024-03"]);
    for (const [i, r] of [20, -25, 20].entries()) expect(rows[i]!.returnPct).toBeCloseTo(r, 10);
    expect(rows[1]!.startEquity).toBe(12_000);
  });
});

/** A random equity walk: daily moves, now and then a crash, sometimes to ruin. */
function generated(seed: number): { curve: EquityPoint[]; ruin: { t: number; equity: number } | null } {
  const rand = sfc32(seed);
  const curve: EquityPoint[] = [];
  let equity = 10_000;
  const days = 40 + Math.floor(rand() * 400);
  for (let d = 0; d < days; d++) {
    for (const h of [1, 9, 17]) {
      const shock = rand() < 0.01 ? -0.6 * rand() : (rand() - 0.5) * 0.04;
      equity *= 1 + shock;
      if (rand() < 0.002) equity = -50 * rand(); // a gap through the account
      const t = T0 + d * DAY_MS + h * 3_600_000;
      if (equity <= 0) {
        curve.push({ t, equity: 0 });
        return { curve, ruin: { t, equity } };
      }
      curve.push({ t, equity });
    }
  }
  return { curve, ruin: null };
}

describe("account figures of generated runs", () => {
  test("compounding months, drawdown in [0, 100], sign of Sharpe = sign of the mean daily return", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { curve, ruin } = generated(seed);
      const w = { from: T0, to: curve.at(-1)!.t + DAY_MS };
      const s = accountStats(curve, 10_000, w, [], ruin);
      const months = monthRows(curve, 10_000, []);
      const compounded = months.reduce((g, m) => g * (1 + m.returnPct / 100), 1);
      expect(compounded - 1).toBeCloseTo(s.returnPct / 100, 9);
      expect(months.reduce((a, m) => a + m.netPnl, 0)).toBeCloseTo(s.netPnl, 6);
      expect(s.maxDrawdownPct).toBeGreaterThanOrEqual(0);
      expect(s.maxDrawdownPct).toBeLessThanOrEqual(100);
      expect(s.returnPct).toBeGreaterThanOrEqual(-100);
      for (const p of drawdownSeries(curve, 10_000)) {
        expect(p.drawdownPct).toBeGreaterThanOrEqual(0);
        expect(p.drawdownPct).toBeLessThanOrEqual(100);
      }
      const rets = dailyReturns(curve, 10_000, T0);
      const mean = rets.reduce((a, b) => a + b, 0) / rets.length;
      if (s.sharpe !== null) expect(Math.sign(s.sharpe)).toBe(Math.sign(mean));
      if (ruin) expect([s.endEquity, s.returnPct]).toEqual([0, -100]);
    }
  });
});

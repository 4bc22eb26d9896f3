import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());
const DAY = 86_400_000;

function sql(where: string, ...args: number[]) {
  return f.fixture.db
    .query(
      `SELECT COUNT(*) AS n, SUM(net_pnl > 0) AS wins, SUM(net_pnl) AS pnl, AVG(r_multiple) AS r FROM positions WHERE run_id = 0 AND status = 'closed' AND ${where}`,
    )
    .get(...(args as [number])) as { n: number; wins: number; pnl: number; r: number };
}

describe("GET /performance", () => {
  test("7-day totals match the ledger; strategies and buckets add up to the total", async () => {
    const body = await f.json("/performance?days=7");
    const to = f.clock.now() + 1;
    const ref = sql("closed_at >= ?1 AND closed_at < ?2", to - 7 * DAY, to);
    expect(ref.n).toBeGreaterThan(10);
    expect(body.total.trades).toBe(ref.n);
    expect(body.total.wins).toBe(ref.wins);
    expect(body.total.net_pnl).toBeCloseTo(ref.pnl, 5);
    expect(body.total.avg_r).toBeCloseTo(ref.r, 3);
    expect(body.total.win_rate).toBeCloseTo(ref.wins / ref.n, 4);
    for (const group of ["by_strategy", "by_bucket"]) {
      const rows = body[group] as { trades: number; net_pnl: number }[];
      expect(
        rows.reduce((s, r) => s + r.trades, 0),
        group,
      ).toBe(ref.n);
      expect(
        rows.reduce((s, r) => s + r.net_pnl, 0),
        group,
      ).toBeCloseTo(ref.pnl, 4);
    }
    expect(body.by_bucket[0].bucket.split("|")).toHaveLength(5);
  });

  test("per mode: return and max drawdown from the equity snapshots of the window", async () => {
    const body = await f.json("/performance?days=7&mode=shadow");
    const to = f.clock.now() + 1;
    const rows = f.fixture.db
      .query(
        "SELECT t, equity FROM equity_snapshots WHERE run_id = 0 AND mode = 'shadow' AND t < ?1 ORDER BY t",
      )
      .all(to) as { t: number; equity: number }[];
    const startIdx = rows.findLastIndex((r) => r.t <= to - 7 * DAY);
    const window = rows.slice(Math.max(0, startIdx));
    let peak = 0;
    let dd = 0;
    for (const r of window) {
      peak = Math.max(peak, r.equity);
      dd = Math.max(dd, (peak - r.equity) / peak);
    }
    const s = body.by_mode.shadow;
    expect(s.start_equity).toBeCloseTo(window[0]!.equity, 5);
    expect(s.end_equity).toBeCloseTo(window.at(-1)!.equity, 5);
    expect(s.return).toBeCloseTo((window.at(-1)!.equity - window[0]!.equity) / window[0]!.equity, 4);
    expect(s.max_drawdown).toBeCloseTo(dd, 4);
    expect(body.by_mode.live).toBeUndefined();
    expect(body.total.trades).toBe(s.trades);
  });

  test("since= (e.g. today) narrows the window", async () => {
    const dayStart = Math.floor(f.clock.now() / DAY) * DAY;
    const body = await f.json(`/performance?since=${dayStart}`);
    expect(body.total.trades).toBe(sql("closed_at >= ?1", dayStart).n);
    expect(body.from).toBe(new Date(dayStart).toISOString());
  });

  test("a window with no trades is zeros and nulls, not an error", async () => {
    f.clock.advance(60 * DAY);
    const body = await f.json("/performance?days=1");
    f.clock.advance(-60 * DAY);
    expect(body.total).toMatchObject({ trades: 0, net_pnl: 0, win_rate: null, avg_r: null });
  });
});

import { afterAll, describe, expect, test } from "bun:test";
import type { RunSummary } from "../../../src/report/run-summary.ts";
import { fixtureApp } from "../support/fixture-app.ts";
import { runSummaryFixture } from "../support/run-summary-fixture.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());
const DAY = 86_400_000;

function closed(mode: string, from: number, to: number) {
  return f.fixture.db
    .query(
      "SELECT COUNT(*) AS n, SUM(r_multiple) AS r, SUM(r_multiple > 0) AS wins FROM positions WHERE run_id = 0 AND mode = ?1 AND status = 'closed' AND closed_at >= ?2 AND closed_at < ?3",
    )
    .get(mode, from, to) as { n: number; r: number; wins: number };
}

describe("GET /summary", () => {
  test("the daemon's last 7 days: shadow in R from its closed trades; groups add up to the overall row", async () => {
    const { summary: s, run_status } = await f.json("/summary");
    expect(run_status).toBe("daemon");
    expect(s.source).toBe("ledger");
    const to = f.clock.now() + 1;
    const ref = closed("shadow", to - 7 * DAY, to);
    expect(ref.n).toBeGreaterThan(10);
    expect(s.window).toEqual({ from: to - 7 * DAY, to });
    const o = s.shadow.overall;
    expect(o.trades).toBe(ref.n);
    expect(o.totalR).toBeCloseTo(ref.r, 6);
    expect(o.winRate).toBeCloseTo(ref.wins / ref.n, 9);
    expect(o.days).toBeCloseTo(7, 9);
    expect(o.meanR.value).toBeCloseTo(ref.r / ref.n, 9);
    expect(o.meanR.ci95[0]).toBeLessThanOrEqual(o.meanR.value);
    expect(o.meanR.ci95[1]).toBeGreaterThanOrEqual(o.meanR.value);
    for (const group of ["byStrategy", "byCoin", "byBucket", "byMonth"]) {
      const rows = Object.values(s.shadow[group]) as { trades: number; totalR: number }[];
      expect(
        rows.reduce((a, r) => a + r.trades, 0),
        group,
      ).toBe(o.trades);
      expect(
        rows.reduce((a, r) => a + r.totalR, 0),
        group,
      ).toBeCloseTo(o.totalR, 6);
    }
    expect(s.shadow.curve.at(-1).cumR).toBeCloseTo(o.totalR, 6);
    // No % return and no dollar equity for the shadow path: it is a research sample, not an account.
    expect(JSON.stringify(s.shadow)).not.toMatch(/returnPct|equity|netPnl/);
    expect(s.events).toBeNull();
  });

  test("the daemon's window opens no earlier than its first record: days and R/day are not spread over time it did not run", async () => {
    const first = f.fixture.db
      .query(
        "SELECT MIN(t) AS t FROM (SELECT MIN(created_at) AS t FROM decisions WHERE run_id = 0 UNION ALL SELECT MIN(t) FROM equity_snapshots WHERE run_id = 0)",
      )
      .get() as { t: number };
    const { summary: s } = await f.json("/summary?days=3650");
    const to = f.clock.now() + 1;
    expect(first.t).toBeGreaterThan(to - 3650 * DAY);
    expect(s.window).toEqual({ from: first.t, to });
    expect(s.shadow.overall.days).toBeLessThan(3650);
  });

  test("the live path is an account: return from its snapshots, months compound to it, drawdown within [0, 100]", async () => {
    const { summary: s } = await f.json("/summary?days=21");
    const live = s.live;
    const months = live.byMonth as { returnPct: number }[];
    const compounded = months.reduce((g, m) => g * (1 + m.returnPct / 100), 1);
    expect((compounded - 1) * 100).toBeCloseTo(live.overall.returnPct, 6);
    expect(live.overall.returnPct).toBeCloseTo(
      (live.overall.endEquity / live.overall.startEquity - 1) * 100,
      9,
    );
    expect(live.overall.maxDrawdownPct).toBeGreaterThanOrEqual(0);
    expect(live.overall.maxDrawdownPct).toBeLessThanOrEqual(100);
    for (const p of live.equity) expect(p.drawdownPct).toBeGreaterThanOrEqual(0);
    const rows = Object.values(live.byStrategy) as { trades: number; netPnl: number }[];
    expect(rows.reduce((a, r) => a + r.trades, 0)).toBe(live.overall.trades);
    expect(live.promotedBuckets).toBeNull();
  });

  test("mode=shadow leaves the live path out; days/since narrow the window; bad values are 400", async () => {
    expect((await f.json("/summary?mode=shadow")).summary.live).toBeNull();
    const since = f.clock.now() - DAY;
    const { summary } = await f.json(`/summary?since=${since}`);
    expect(summary.shadow.overall.trades).toBe(closed("shadow", since, f.clock.now() + 1).n);
    expect((await f.app.request("/summary?days=-1")).status).toBe(400);
  });

  test("a finished run's stored RunSummary is served as stored (events, coverage, account figures)", async () => {
    const stored: RunSummary = runSummaryFixture(42);
    f.fixture.db.run(
      "INSERT INTO backtest_runs (id, started_at, finished_at, kind, model, mode, params, code_version, summary) VALUES (42, 1, 2, 'single', 'v4', 'live', '{}', 't', ?1)",
      [JSON.stringify(stored)],
    );
    const { summary, run_status } = await f.json("/summary?run_id=42");
    expect(run_status).toBe("finished");
    expect(summary.source).toBe("stored");
    expect(summary.events).toEqual(stored.events);
    expect(summary.live.overall.returnPct).toBe(stored.live!.overall.returnPct);
    expect(summary.shadow.overall).toEqual(stored.shadow.overall);
    const runs = await f.json("/runs");
    expect(runs.runs[0].figures).toMatchObject({ source: "stored", events: stored.events.length });
  });
});

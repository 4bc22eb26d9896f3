import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

// A backtest run (run_id 3) replayed long ago: its windows end where its replay ended.
const f = fixtureApp({ runId: 3, bars: 24 * 10 });
afterAll(() => f.fixture.db.close());

describe("RunClock", () => {
  test("a backtest run's 'last 7 days' end at its last event, not at the wall clock", async () => {
    f.clock.set(f.fixture.end + 400 * 86_400_000);
    const perf = await f.json("/performance?run_id=3&days=7");
    expect(perf.to).toBe(new Date(f.fixture.end + 1).toISOString());
    expect(perf.total.trades).toBeGreaterThan(0);
    expect((await f.json("/equity?run_id=3")).curves.shadow.length).toBeGreaterThan(100);
    expect((await f.json("/performance")).total.trades).toBe(0);
    expect((await f.json("/decisions")).decisions).toEqual([]);
    expect((await f.json("/decisions?run_id=3")).decisions.length).toBe(50);
  });
});

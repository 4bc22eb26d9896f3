import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

describe("GET /equity", () => {
  test("one curve per mode, time-ordered, thinned to about `points`, from the window's opening snapshot to the last", async () => {
    const body = await f.json("/equity?days=7&points=50");
    expect(Object.keys(body.curves).sort()).toEqual(["live", "shadow"]);
    for (const [mode, curve] of Object.entries(body.curves) as [string, { t: number; equity: number }[]][]) {
      expect(curve.length).toBeGreaterThan(25);
      expect(curve.length).toBeLessThanOrEqual(51);
      const opening = f.fixture.db
        .query("SELECT MAX(t) AS t FROM equity_snapshots WHERE run_id = 0 AND mode = ?1 AND t <= ?2")
        .get(mode, f.clock.now() + 1 - 7 * 86_400_000) as { t: number };
      expect(curve[0]!.t).toBe(opening.t);
      const ts = curve.map((p) => p.t);
      expect([...ts].sort((a, b) => a - b)).toEqual(ts);
      const last = f.fixture.db
        .query(
          "SELECT t, equity FROM equity_snapshots WHERE run_id = 0 AND mode = ?1 ORDER BY t DESC LIMIT 1",
        )
        .get(mode) as { t: number; equity: number };
      expect(curve.at(-1)).toMatchObject({ t: last.t, equity: Math.round(last.equity * 1e6) / 1e6 });
    }
    expect(body.latest.map((e: { mode: string }) => e.mode)).toEqual(["shadow", "live"]);
  });

  test("every snapshot when fewer than `points`: the day's 24 plus the one opening the window", async () => {
    const body = await f.json("/equity?days=1&mode=live&points=1000");
    expect(Object.keys(body.curves)).toEqual(["live"]);
    expect(body.curves.live).toHaveLength(25);
  });
});

import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

describe("GET /equity", () => {
  test("one curve per mode, time-ordered, thinned to at most `points`, ending at the last snapshot", async () => {
    const body = await f.json("/equity?days=7&points=50");
    expect(Object.keys(body.curves).sort()).toEqual(["live", "shadow"]);
    for (const [mode, curve] of Object.entries(body.curves) as [string, { t: number; equity: number }[]][]) {
      expect(curve.length).toBeGreaterThan(25);
      expect(curve.length).toBeLessThanOrEqual(51);
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

  test("all snapshots when fewer than `points`", async () => {
    const body = await f.json("/equity?days=1&mode=live&points=1000");
    expect(Object.keys(body.curves)).toEqual(["live"]);
    expect(body.curves.live).toHaveLength(24);
  });
});

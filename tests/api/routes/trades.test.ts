import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

describe("GET /trades", () => {
  test("closed trades newest first with their exits; pages cover them all", async () => {
    const expected = f.fixture.db
      .query(
        "SELECT id, net_pnl FROM positions WHERE run_id = 0 AND status = 'closed' ORDER BY closed_at DESC, id DESC",
      )
      .all() as { id: number; net_pnl: number }[];
    const ids: number[] = [];
    let cursor = "";
    for (;;) {
      const page = await f.json(`/trades?limit=40${cursor}`);
      for (const t of page.trades) {
        ids.push(t.id);
        expect(t.exits.length).toBeGreaterThan(0);
        const exitPnl = t.exits.reduce((s: number, e: { pnl: number }) => s + e.pnl, 0);
        const entryFee = t.fees - t.exits.reduce((s: number, e: { fee: number }) => s + e.fee, 0);
        expect(exitPnl - entryFee).toBeCloseTo(t.net_pnl, 4);
        expect(t.exits.at(-1).reason).toBe(t.exit_reason);
      }
      if (!page.next_cursor) break;
      cursor = `&cursor=${page.next_cursor}`;
    }
    expect(ids).toEqual(expected.map((r) => r.id));
  });

  test("mode filter and limit", async () => {
    const live = await f.json("/trades?mode=live&limit=5");
    expect(live.trades).toHaveLength(5);
    for (const t of live.trades) expect(t.mode).toBe("live");
    const times = live.trades.map((t: { closed_at: number }) => t.closed_at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test("default limit is 20", async () => {
    expect((await f.json("/trades")).trades).toHaveLength(20);
  });
});

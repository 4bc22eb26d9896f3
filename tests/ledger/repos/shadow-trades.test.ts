import { describe, expect, test } from "bun:test";
import { DAY_MS } from "../../../src/core/clock.ts";
import { ShadowTradesRepo } from "../../../src/ledger/repos/shadow-trades.ts";
import { keyOf, miningFixture, specs, T0 } from "../../mining/support/ledger.ts";

describe("ShadowTradesRepo", () => {
  const fx = miningFixture();
  const s = specs("momentum", [0.1, 0]);
  const n = fx.feed(s, 0, 10, 1);
  fx.feed(s, 0, 10, 2, "v3");
  fx.feed(s, 0, 10, 3, "v4", 5);
  // An open shadow position and a live trade never count.
  fx.db.run(`UPDATE positions SET status = 'open', closed_at = NULL, r_multiple = NULL WHERE id = 1`);
  fx.db.run(`UPDATE positions SET mode = 'live' WHERE id = 2`);
  const repo = new ShadowTradesRepo(fx.db);

  test("closedTrades: one model, one source run, closed by the cutoff, as columns", () => {
    const all = repo.closedTrades({ model: "v4", runId: 0 }, T0 + 20 * DAY_MS);
    expect(all.id.length).toBe(n - 2);
    expect(new Set(all.bucket)).toEqual(new Set(s.map(keyOf)));
    for (let i = 0; i < all.id.length; i++) expect(all.closedAt[i]!).toBeGreaterThan(all.openedAt[i]!);
    const early = repo.closedTrades({ model: "v4", runId: 0 }, T0 + 5 * DAY_MS);
    expect(early.id.length).toBeLessThan(all.id.length);
    expect(Math.max(...Array.from(early.closedAt))).toBeLessThanOrEqual(T0 + 5 * DAY_MS);
    expect(repo.closedTrades({ model: "v4", runId: 5 }, T0 + 20 * DAY_MS).id.length).toBe(n);
  });

  test("bucketTrades: one bucket's trades closed in (after, until], oldest first", () => {
    const key = keyOf(s[0]!);
    const rows = repo.bucketTrades({ model: "v4", runId: 0 }, key, T0 + 2 * DAY_MS, T0 + 4 * DAY_MS);
    expect(rows.length).toBeGreaterThan(8);
    expect(rows.every((r) => r.closedAt > T0 + 2 * DAY_MS && r.closedAt <= T0 + 4 * DAY_MS)).toBe(true);
    expect(rows.map((r) => r.closedAt)).toEqual([...rows.map((r) => r.closedAt)].sort((a, b) => a - b));
    expect(rows.every((r) => r.setupKey.startsWith(key))).toBe(true);
  });
});

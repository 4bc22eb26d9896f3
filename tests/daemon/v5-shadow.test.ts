// hlbot trade with friction.model v5: the shadow path prices entries from the books the recorder
// just stored (20 levels) instead of the flat 5 bps, on the fake Hyperliquid replaying real data.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Rig, rig, shutdown, step } from "./support/harness.ts";

let r: Rig;

beforeAll(async () => {
  r = rig({
    time: "2025-06-02T00:00:10Z",
    overrides: {
      "friction.model": "v5",
      "market_data.book_seconds": 60,
      "market_data.book_coins": ["BTC", "ETH", "SOL"],
    },
  });
  await r.daemon.start();
  for (let i = 0; i < 2880; i++) await step(r);
}, 300_000);
afterAll(() => shutdown(r));

describe("hlbot trade, shadow path, friction model v5", () => {
  test("ticks without errors; shadow trades carry the v5 tag", () => {
    const s = r.daemon.stats();
    expect(s.errors).toEqual({});
    const tags = r.db
      .query("SELECT DISTINCT sim_model_version AS v FROM positions WHERE run_id = 0")
      .all() as { v: string }[];
    expect(tags.map((t) => t.v)).toEqual(["v5"]);
  });

  test("entries on book coins pay the walked book's slippage, others the flat 5 bps", () => {
    // Entry slippage = the position's total minus its exits'. A flat 5 bps entry has slippage / (px ·
    // size) = 0.0005 / 1.0005 (long) or 0.0005 / 0.9995 (short); a walked one whatever the book made it.
    const rows = r.db
      .query(
        `SELECT p.coin, p.entry_px AS px, p.initial_size AS size,
           p.slippage - COALESCE((SELECT SUM(e.slippage) FROM position_exits e WHERE e.position_id = p.id), 0) AS slip
         FROM positions p WHERE p.run_id = 0`,
      )
      .all() as { coin: string; px: number; size: number; slip: number }[];
    const flat = (x: (typeof rows)[number]) =>
      [0.0005 / 1.0005, 0.0005 / 0.9995].some((f) => Math.abs(x.slip / (x.px * x.size) - f) < 1e-9);
    const onBooks = rows.filter((x) => ["BTC", "ETH", "SOL"].includes(x.coin));
    expect(onBooks.length).toBeGreaterThan(0);
    expect(onBooks.filter(flat)).toEqual([]);
    expect(rows.filter((x) => !onBooks.includes(x)).every(flat)).toBe(true);
    const stored = r.db.query("SELECT COUNT(*) AS n FROM book_snapshots WHERE coin = 'BTC'").get() as {
      n: number;
    };
    expect(stored.n).toBeGreaterThan(1000);
  });
});

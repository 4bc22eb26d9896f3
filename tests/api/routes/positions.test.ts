import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

interface P {
  id: number;
  coin: string;
  side: "long" | "short";
  mode: string;
  entry_px: number;
  size: number;
  risk_usd: number;
  realized_pnl: number;
  unrealized_pnl: number;
  r_multiple: number;
  mark: { px: number; t: number; source: string };
}

describe("GET /positions", () => {
  test("lists every open position valued at the latest candle close", async () => {
    const body = await f.json("/positions");
    const open = f.fixture.db
      .query("SELECT id FROM positions WHERE run_id = 0 AND status = 'open' ORDER BY opened_at DESC, id DESC")
      .all() as { id: number }[];
    expect(open.length).toBeGreaterThan(0);
    expect(body.positions.map((p: P) => p.id)).toEqual(open.map((r) => r.id));
    for (const p of body.positions as P[]) {
      const last = f.fixture.db
        .query("SELECT t, close FROM candles WHERE coin = ?1 AND interval = '1h' ORDER BY t DESC LIMIT 1")
        .get(p.coin) as { t: number; close: number };
      expect(p.mark).toEqual({ px: last.close, t: last.t + 3_600_000, source: "candle" });
      const dir = p.side === "long" ? 1 : -1;
      const unreal = dir * (last.close - p.entry_px) * p.size;
      expect(p.unrealized_pnl).toBeCloseTo(unreal, 5);
      expect(p.r_multiple).toBeCloseTo((unreal + p.realized_pnl) / p.risk_usd, 3);
    }
    const total = (body.positions as P[]).reduce((s, p) => s + p.unrealized_pnl, 0);
    expect(body.totals.shadow.unrealized_pnl).toBeCloseTo(total, 5);
  });

  test("a newer asset_ctxs mark wins over the candle close", async () => {
    const body = await f.json("/positions");
    const p = body.positions[0] as P;
    const px = p.mark.px * 1.01;
    f.fixture.db.run("INSERT INTO asset_ctxs (coin, t, mark_px) VALUES (?1, ?2, ?3)", [
      p.coin,
      p.mark.t + 5_000,
      px,
    ]);
    const again = (await f.json("/positions")).positions.find((x: P) => x.id === p.id) as P;
    expect(again.mark).toEqual({ px, t: p.mark.t + 5_000, source: "asset_ctx" });
    f.fixture.db.run("DELETE FROM asset_ctxs");
  });

  test("mode filter", async () => {
    expect((await f.json("/positions?mode=live")).positions.every((p: P) => p.mode === "live")).toBe(true);
  });
});

import { afterAll, describe, expect, test } from "bun:test";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());
const HOUR = 3_600_000;

describe("GET /candles", () => {
  test("a range of real 1h bars, oldest first, as [t, o, h, l, c, v], matching the ledger", async () => {
    const to = f.fixture.end;
    const from = to - 48 * HOUR;
    const body = await f.json(`/candles?coin=ETH&interval=1h&from=${from}&to=${to}`);
    const ref = f.fixture.db
      .query(
        "SELECT t, open, high, low, close, volume FROM candles WHERE coin = 'ETH' AND interval = '1h' AND t >= ?1 AND t < ?2 ORDER BY t",
      )
      .values(from, to);
    expect(ref.length).toBe(48);
    expect(body.bars).toEqual(ref);
    expect(body).toMatchObject({ coin: "ETH", interval: "1h", next_from: null, intervals: ["1h"] });
  });

  test("bounded: at most `limit` (≤ 5000) bars, next_from continues the range exactly", async () => {
    const from = f.fixture.end - 100 * HOUR;
    const first = await f.json(`/candles?coin=BTC&from=${from}&to=${f.fixture.end}&limit=60`);
    expect(first.bars).toHaveLength(60);
    const rest = await f.json(`/candles?coin=BTC&from=${first.next_from}&to=${f.fixture.end}&limit=60`);
    expect(rest.bars).toHaveLength(40);
    expect(rest.next_from).toBeNull();
    expect(rest.bars[0][0]).toBe(first.bars[59][0] + HOUR);
    expect((await f.app.request("/candles?coin=BTC&limit=5001")).status).toBe(400);
    const latest = await f.json("/candles?coin=BTC&limit=24");
    expect(latest.bars).toHaveLength(24);
    expect(latest.bars.at(-1)[0]).toBe(f.fixture.end - HOUR);
  });

  test("coin is required; an unknown coin or an interval not stored is a 404 naming what is stored", async () => {
    expect((await f.app.request("/candles")).status).toBe(400);
    const coin = await f.app.request("/candles?coin=NOPE");
    expect(coin.status).toBe(404);
    const iv = await f.app.request("/candles?coin=BTC&interval=15m");
    expect(iv.status).toBe(404);
    expect(((await iv.json()) as { error: string }).error).toContain("stored: 1h");
    expect((await f.app.request("/candles?coin=BTC&interval=2h")).status).toBe(400);
  });
});

import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { InfoClient, type PageLimits } from "../../src/hyperliquid/info-client.ts";
import { fixture, fixtureEntry, realFills, recorded } from "./support/fixtures.ts";
import { scriptedServer } from "./support/scripted-server.ts";
import { instantTransport } from "./support/venue.ts";

const server = scriptedServer();
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

const USER = "0xb7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";
const MINUTE = 60_000;

function client(pageLimits: Partial<PageLimits> = {}) {
  const { transport, limiter } = instantTransport(server.url);
  return { info: new InfoClient(transport, pageLimits), limiter };
}

interface Body {
  type: string;
  req?: { startTime: number; endTime: number };
  startTime?: number;
  endTime?: number;
}

describe("InfoClient single queries", () => {
  test("meta, allMids, l2Book, clearinghouseState, frontendOpenOrders, orderStatus parse their fixtures", async () => {
    const { info } = client();
    const byType: Record<string, unknown> = {
      meta: fixture("meta"),
      metaAndAssetCtxs: fixture("metaAndAssetCtxs"),
      allMids: fixture("allMids"),
      l2Book: fixture("l2Book"),
      clearinghouseState: fixture("clearinghouseState"),
      frontendOpenOrders: fixture("frontendOpenOrders"),
      orderStatus: fixtureEntry("orderStatus", "found"),
    };
    server.script("/info", (body) => ({ json: byType[(body as Body).type] }));
    expect((await info.meta()).universe[0]?.name).toBe("BTC");
    expect((await info.metaAndAssetCtxs())[1]).toHaveLength(2);
    expect((await info.allMids()).BTC).toBe("113377.5");
    expect((await info.l2Book("BTC", { nSigFigs: 5 }))?.coin).toBe("BTC");
    expect((await info.clearinghouseState(USER)).assetPositions).toHaveLength(2);
    expect(await info.frontendOpenOrders(USER)).toHaveLength(2);
    const status = await info.orderStatus(USER, "0x00000000000000000000000000000001");
    expect(status.status).toBe("order");
    expect(server.requests.map((r) => r.body)).toContainEqual({
      type: "l2Book",
      coin: "BTC",
      nSigFigs: 5,
      mantissa: null,
    });
    expect(server.requests.at(-1)?.body).toEqual({
      type: "orderStatus",
      user: USER,
      oid: "0x00000000000000000000000000000001",
    });
  });

  test("issue 14 #15: l2Book of a coin the venue does not list is null, not a DecodeError", async () => {
    server.script("/info", { json: null });
    expect(await client().info.l2Book("NOPE")).toBeNull();
  });

  test("issue 14 #15: recorded fundingHistory rows without `premium` are accepted", async () => {
    const rows = recorded("fundingHistory.BTC-without-premium") as { time: number }[];
    server.script("/info", { json: rows });
    const out = await client().info.fundingHistory("BTC", rows[0]!.time, rows.at(-1)!.time);
    expect(out.map((r) => [r.fundingRate, r.premium ?? null])).toEqual([
      ["0.0000125", "0.00029005"],
      ["-0.0000081", "-0.00012500"],
      ["0.0000033", null],
    ]);
  });

  test("a schema mismatch surfaces as DecodeError naming the query", async () => {
    server.script("/info", { json: { universe: "nope" } });
    await expect(client().info.meta()).rejects.toMatchObject({ kind: "decode", what: "meta" });
  });
});

describe("InfoClient pagination", () => {
  test("candleSnapshot: ≤ 5000 per response, only the most recent 5000 exist, walks forward", async () => {
    const total = 12_000;
    const t0 = 1_690_000_000_000;
    const all = Array.from({ length: total }, (_, i) => {
      const t = t0 + i * MINUTE;
      return {
        t,
        T: t + MINUTE - 1,
        s: "BTC",
        i: "1m",
        o: "1.0",
        c: "1.0",
        h: "1.0",
        l: "1.0",
        v: "0.0",
        n: 0,
      };
    });
    const available = all.slice(total - 5000);
    server.script("/info", (body) => {
      const { startTime, endTime } = (body as Body).req!;
      return { json: available.filter((c) => c.t >= startTime && c.t <= endTime).slice(0, 5000) };
    });
    const { info } = client();
    const candles = await info.candleSnapshot("BTC", "1m", t0, t0 + total * MINUTE);
    expect(candles).toHaveLength(5000);
    expect(candles[0]?.t).toBe(available[0]?.t);
    expect(server.requests).toHaveLength(2); // a full page may have a next; it only repeats the last candle

    server.requests.length = 0;
    const window = await info.candleSnapshot("BTC", "1m", available[100]!.t, available[2100]!.t);
    expect(window.map((c) => c.t)).toEqual(available.slice(100, 2101).map((c) => c.t));
    expect(server.requests, "2001 < 5000: one page holds the range").toHaveLength(1);

    server.requests.length = 0;
    const tail = await info.candleSnapshot("BTC", "1m", available[4000]!.t, t0 + total * MINUTE);
    expect(tail).toHaveLength(1000);
    expect(server.requests, "a short page is the last, even before endTime").toHaveLength(1);
  });

  test("fundingHistory: 500 rows per page, all rows once, extra weight charged", async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({
      coin: "ETH",
      fundingRate: "0.0000125",
      premium: "0.0001",
      time: 1_683_849_600_000 + i * 3_600_000 + 76,
    }));
    server.script("/info", (body) => {
      const { startTime = 0, endTime = Number.POSITIVE_INFINITY } = body as Body;
      return { json: rows.filter((r) => r.time >= startTime && r.time <= endTime).slice(0, 500) };
    });
    const { info, limiter } = client();
    const out = await info.fundingHistory("ETH", rows[0]!.time);
    expect(out).toEqual(rows);
    expect(server.requests, "the 236-row page is the last: no request for its last row again").toHaveLength(
      3,
    );
    // 3 × 20 base + floor(500/20) × 2 + floor(236/20)
    expect(limiter.stats().weightLastMinute).toBe(60 + 50 + 11);
  });

  test("userFillsByTime over the real cassette: 2000-per-page limit simulated at 64, no loss or duplicate", async () => {
    const fills = realFills();
    server.script("/info", (body) => {
      const { startTime = 0 } = body as Body;
      return { json: fills.filter((f) => (f.time as number) >= startTime).slice(0, 64) };
    });
    const out = await client({ fills: 64 }).info.userFillsByTime(USER, 0);
    expect(out).toHaveLength(500);
    expect(out.map((f) => f.hash + f.px + f.sz)).toEqual(fills.map((f) => `${f.hash}${f.px}${f.sz}`));
  });
});

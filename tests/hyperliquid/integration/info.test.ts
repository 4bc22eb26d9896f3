// Every info call of the adapter against the fake: payloads decode, pagination crosses page limits.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { btcPx, type Harness, HOUR, newCloid, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  // 20 000 bars per series exist here (the real API keeps 5000), so candle paging must cross pages.
  h = await startHarness({ candleWindow: 20_000 });
});
afterAll(() => h.fake.stop());

describe("info against the fake", () => {
  test("meta and metaAndAssetCtxs: 23 listed perps with HL's lot sizes, one delisted, a context each", async () => {
    const meta = await h.reader.info.meta();
    expect(meta.universe[0]).toMatchObject({ name: "BTC", szDecimals: 5, maxLeverage: 40 });
    expect(meta.universe.filter((a) => !a.isDelisted).length).toBe(23);
    expect(meta.universe.find((a) => a.isDelisted)?.name).toBe("MATIC");
    const [, ctxs] = await h.reader.info.metaAndAssetCtxs();
    expect(ctxs.length).toBe(meta.universe.length);
    expect(Number(ctxs[0]!.markPx)).toBeCloseTo(h.fake.mark("BTC")!, -1);
    expect(Number(ctxs[0]!.funding)).toBeGreaterThan(-0.04);
  });

  test("allMids and l2Book (full and aggregated)", async () => {
    const mids = await h.reader.info.allMids();
    expect(Object.keys(mids).length).toBe(23);
    const book = (await h.reader.info.l2Book("ETH"))!;
    expect(book.levels[0].length).toBe(20);
    expect(Number(book.levels[0][0]!.px)).toBeLessThan(Number(book.levels[1][0]!.px));
    const coarse = (await h.reader.info.l2Book("ETH", { nSigFigs: 3 }))!;
    expect(coarse.levels[0].length).toBeLessThan(20);
  });

  test("candleSnapshot pages beyond 5000 bars without gaps or duplicates", async () => {
    const start = Date.parse("2025-02-15T00:00:00Z");
    const before = h.fake.stats().info.candleSnapshot?.count ?? 0;
    const bars = await h.reader.info.candleSnapshot("BTC", "15m", start, h.fake.now());
    const expected = Math.floor((h.fake.now() - start) / 900_000) + 1; // + the forming bar
    expect(bars.length).toBe(expected);
    expect(bars.length).toBeGreaterThan(10_000);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.t - bars[i - 1]!.t).toBe(900_000);
    expect((h.fake.stats().info.candleSnapshot?.count ?? 0) - before).toBeGreaterThanOrEqual(3);
  });

  test("fundingHistory pages beyond 500 rows", async () => {
    const start = h.fake.now() - 60 * 24 * HOUR;
    const rows = await h.reader.info.fundingHistory("ETH", start, h.fake.now());
    expect(rows.length).toBe(1440);
    expect(new Set(rows.map((r) => r.time)).size).toBe(1440);
  });

  test("account queries decode: clearinghouseState, frontendOpenOrders, userFillsByTime, orderStatus, userRateLimit", async () => {
    const cloid = newCloid();
    await h.exchange.order([
      {
        coin: "BTC",
        isBuy: true,
        price: btcPx(h.fake, 1),
        size: "0.01",
        type: { limit: { tif: "Ioc" } },
        cloid,
      },
    ]);
    await h.exchange.order([
      { coin: "BTC", isBuy: true, price: btcPx(h.fake, -10), size: "0.01", type: { limit: { tif: "Gtc" } } },
    ]);
    const state = await h.reader.info.clearinghouseState(h.account);
    expect(state.assetPositions[0]!.position).toMatchObject({ coin: "BTC", szi: "0.01" });
    const open = await h.reader.info.frontendOpenOrders(h.account);
    expect(open.length).toBe(1);
    const fills = await h.reader.info.userFillsByTime(h.account, 0);
    expect(fills.length).toBeGreaterThanOrEqual(1);
    const status = await h.reader.info.orderStatus(h.account, cloid);
    expect(status.status === "order" && status.order.status).toBe("filled");
    const limit = await h.reader.info.userRateLimit(h.account);
    expect(limit.nRequestsUsed).toBe(2);
  });
});

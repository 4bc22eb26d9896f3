// Signed exchange round trips of the adapter against the fake (which verifies every signature).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ExchangeRejectError } from "../../../src/hyperliquid/errors.ts";
import { addressFromPrivateKey } from "../../../src/hyperliquid/signing/index.ts";
import { fakeClient } from "../../support/fake-hl/client.ts";
import { btcPx, type Harness, HOUR, newCloid, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.fake.stop());

const status = async (cloidOrOid: string | number) => {
  const s = await h.reader.info.orderStatus(h.account, cloidOrOid);
  return s.status === "order" ? s.order.status : s.status;
};

describe("exchange against the fake", () => {
  test("IOC order fills; orderStatus by cloid and by oid agree", async () => {
    const cloid = newCloid();
    const [out] = await h.exchange.order([
      {
        coin: "BTC",
        isBuy: true,
        price: btcPx(h.fake, 1),
        size: "0.02",
        type: { limit: { tif: "Ioc" } },
        cloid,
      },
    ]);
    expect(out).toMatchObject({ status: "filled", totalSz: "0.02", cloid });
    expect(await status(cloid)).toBe("filled");
    expect(await status((out as { oid: number }).oid)).toBe("filled");
  });

  test("GTC rests; cancel and cancelByCloid round trip; a second cancel is refused verbatim", async () => {
    const [a, b] = await h.exchange.order([
      {
        coin: "ETH",
        isBuy: true,
        price: "1500",
        size: "0.01",
        type: { limit: { tif: "Gtc" } },
        cloid: newCloid(),
      },
      {
        coin: "ETH",
        isBuy: true,
        price: "1501",
        size: "0.01",
        type: { limit: { tif: "Gtc" } },
        cloid: newCloid(),
      },
    ]);
    expect(a!.status).toBe("resting");
    expect((await h.reader.info.frontendOpenOrders(h.account)).length).toBe(2);
    const oid = (a as { oid: number }).oid;
    expect(await h.exchange.cancel([{ coin: "ETH", oid }])).toEqual([{ status: "success" }]);
    expect(await h.exchange.cancel([{ coin: "ETH", oid }])).toEqual([
      { status: "error", message: "Order was never placed, already canceled, or filled. asset=1" },
    ]);
    expect(await h.exchange.cancelByCloid([{ coin: "ETH", cloid: b!.cloid! }])).toEqual([
      { status: "success" },
    ]);
    expect(await status(b!.cloid!)).toBe("canceled");
    expect((await h.reader.info.frontendOpenOrders(h.account)).length).toBe(0);
  });

  test("updateLeverage shows in the position; above max is refused before sending", async () => {
    await h.exchange.updateLeverage("SOL", 5, "cross");
    await h.exchange.order([
      { coin: "SOL", isBuy: false, price: "100", size: "1", type: { limit: { tif: "Ioc" } } },
    ]);
    const state = await h.reader.info.clearinghouseState(h.account);
    const sol = state.assetPositions.find((p) => p.position.coin === "SOL")!.position;
    expect(sol.leverage).toEqual({ type: "cross", value: 5 });
    expect(sol.szi).toBe("-1.0");
    await expect(h.exchange.updateLeverage("SOL", 21, "cross")).rejects.toMatchObject({
      kind: "invalid_order",
    });
  });

  test("scheduleCancel (dead-man switch) cancels resting orders when the fake's time passes it", async () => {
    const cloid = newCloid();
    await h.exchange.order([
      {
        coin: "BTC",
        isBuy: true,
        price: btcPx(h.fake, -20),
        size: "0.001",
        type: { limit: { tif: "Gtc" } },
        cloid,
      },
    ]);
    await h.exchange.scheduleCancel(h.fake.now() + 30_000);
    h.fake.advance(31_000);
    expect(await status(cloid)).toBe("scheduledCancel");
    await expect(h.exchange.scheduleCancel(h.fake.now() + 1_000)).rejects.toBeInstanceOf(ExchangeRejectError);
  });

  test("a stop-market trigger rests, fires on the mark path and closes the position", async () => {
    const cloid = newCloid();
    const mark = h.fake.mark("BTC")!;
    const stop = String(Math.round(mark * 0.99));
    const [out] = await h.exchange.order([
      {
        coin: "BTC",
        isBuy: false,
        price: String(Math.round(mark * 0.9)),
        size: "0.02",
        reduceOnly: true,
        type: { trigger: { isMarket: true, triggerPx: stop, tpsl: "sl" } },
        cloid,
      },
    ]);
    expect(out!.status).toBe("resting");
    let hours = 0;
    while ((await status(cloid)) === "open" && hours < 24 * 14) {
      h.fake.advance(HOUR);
      hours++;
    }
    expect(await status(cloid)).toBe("filled");
    const state = await h.reader.info.clearinghouseState(h.account);
    expect(state.assetPositions.find((p) => p.position.coin === "BTC")).toBeUndefined();
    const fills = await h.reader.info.userFillsByTime(h.account, 0);
    const exit = fills.filter((f) => f.cloid === cloid);
    expect(exit.length).toBeGreaterThan(0);
    expect(Math.abs(Number(exit[0]!.px) / Number(stop) - 1)).toBeLessThan(0.003);
  });

  test("a wrong key is refused (ExchangeRejectError naming the recovered signer); an approved agent signs for the account", async () => {
    const key = `0x${"7e".repeat(32)}` as const;
    const stranger = fakeClient(h.fake, {
      secrets: { privateKey: key, accountAddress: h.account as `0x${string}` },
    });
    const order = {
      coin: "ETH",
      isBuy: true,
      price: "1500",
      size: "0.01",
      type: { limit: { tif: "Gtc" as const } },
    };
    const refused = (await stranger.exchange()).order([order]);
    await expect(refused).rejects.toBeInstanceOf(ExchangeRejectError);
    await expect(refused).rejects.toMatchObject({
      venueMessage: `User or API Wallet ${addressFromPrivateKey(key)} does not exist.`,
    });
    h.fake.approveAgent(h.account, addressFromPrivateKey(key));
    const [out] = await (await stranger.exchange()).order([order]);
    expect(out!.status).toBe("resting");
    expect((await h.reader.info.frontendOpenOrders(h.account)).length).toBe(1);
  });
});

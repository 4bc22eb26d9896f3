// Every fault the fake injects, seen through the adapter: the right typed error or the right recovery.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  DecodeError,
  ExchangeRejectError,
  RateLimitError,
  TransportError,
} from "../../../src/hyperliquid/errors.ts";
import type { OrderRequest } from "../../../src/hyperliquid/exchange-client.ts";
import { WsClient } from "../../../src/hyperliquid/ws-client.ts";
import { btcPx, type Harness, newCloid, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  // Short HTTP timeout so a held answer turns into a timeout quickly; retry backoffs 20x shorter.
  h = await startHarness({}, { requestTimeoutMs: 400, speedup: 20 });
});
afterAll(() => h.fake.stop());

const buy = (cloid: string, size = "0.01"): OrderRequest => ({
  coin: "BTC",
  isBuy: true,
  price: btcPx(h.fake, 1),
  size,
  type: { limit: { tif: "Ioc" } },
  cloid,
});
const fillsOf = async (cloid: string) =>
  (await h.reader.info.userFillsByTime(h.account, 0)).filter((f) => f.cloid === cloid);
const statusOf = async (cloid: string) => {
  const s = await h.reader.info.orderStatus(h.account, cloid);
  return s.status === "order" ? s.order.status : s.status;
};

describe("HTTP faults", () => {
  test("500 on /info is retried and recovers; persistent 500 surfaces as TransportError(status 500)", async () => {
    h.fake.injectFault({ kind: "http500", endpoint: "info", type: "meta" });
    expect((await h.reader.info.meta()).universe.length).toBe(24);
    h.fake.injectFault({ kind: "http500", endpoint: "info", type: "meta", times: 4 });
    const err = await h.reader.info.meta().catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ status: 500, outcomeUnknown: false });
  });

  test("500 on /exchange: outcome unknown for the caller; orderStatus(cloid) shows it never executed", async () => {
    const cloid = newCloid();
    h.fake.injectFault({ kind: "http500", endpoint: "exchange", type: "order" });
    const err = await h.exchange.order([buy(cloid)]).catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ outcomeUnknown: true, status: 500 });
    expect(await statusOf(cloid)).toBe("unknownOid");
  });

  test("429 is retried after backoff on both endpoints; nothing runs twice", async () => {
    const before = h.trader.limiter.stats().rateLimited429;
    h.fake.injectFault({ kind: "http429", endpoint: "info", type: "allMids" });
    expect(Object.keys(await h.reader.info.allMids()).length).toBe(23);
    const cloid = newCloid();
    h.fake.injectFault({ kind: "http429", endpoint: "exchange", type: "order" });
    const [out] = await h.exchange.order([buy(cloid)]);
    expect(out!.status).toBe("filled");
    expect((await fillsOf(cloid)).length).toBeGreaterThan(0);
    expect(h.trader.limiter.stats().rateLimited429).toBe(before + 1);
    h.fake.injectFault({ kind: "http429", endpoint: "info", type: "meta", times: 4 });
    await expect(h.reader.info.meta()).rejects.toBeInstanceOf(RateLimitError);
  });

  test("a slow answer within the timeout is just slow", async () => {
    h.fake.injectFault({ kind: "slow", endpoint: "info", type: "l2Book", delayMs: 150 });
    expect((await h.reader.info.l2Book("BTC"))!.levels[0].length).toBe(20);
  });

  test("an /exchange timeout is outcome-unknown; orderStatus(cloid) resolves it and there is no double order", async () => {
    const cloid = newCloid();
    h.fake.injectFault({ kind: "timeout", endpoint: "exchange", type: "order" });
    const err = await h.exchange.order([buy(cloid, "0.03")]).catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.status).toBeUndefined();
    // Reconcile: the order did execute; a resend with the same cloid is refused, not doubled.
    expect(await statusOf(cloid)).toBe("filled");
    const [again] = await h.exchange.order([buy(cloid, "0.03")]);
    expect(again!.status).toBe("error");
    const fills = await fillsOf(cloid);
    expect(fills.reduce((s, f) => s + Number(f.sz), 0)).toBeCloseTo(0.03, 8);
  });

  test("malformed JSON: DecodeError on /info; on /exchange too, and the action did run", async () => {
    h.fake.injectFault({ kind: "malformed", endpoint: "info", type: "meta" });
    await expect(h.reader.info.meta()).rejects.toBeInstanceOf(DecodeError);
    const cloid = newCloid();
    h.fake.injectFault({ kind: "malformed", endpoint: "exchange", type: "order" });
    await expect(h.exchange.order([buy(cloid)])).rejects.toBeInstanceOf(DecodeError);
    expect(await statusOf(cloid)).toBe("filled");
  });

  test("partial fill: the outcome reports the filled part only", async () => {
    h.fake.injectFault({ kind: "partialFill", fillFraction: 0.5 });
    const [out] = await h.exchange.order([buy(newCloid(), "0.04")]);
    expect(out).toMatchObject({ status: "filled", totalSz: "0.02" });
  });

  test("reject: per-order error text for orders, ExchangeRejectError for other actions", async () => {
    h.fake.injectFault({ kind: "reject", message: "Insufficient margin to place order." });
    const [out] = await h.exchange.order([buy(newCloid())]);
    expect(out).toMatchObject({ status: "error", message: "Insufficient margin to place order. asset=0" });
    h.fake.injectFault({ kind: "reject", type: "updateLeverage", message: "Invalid leverage value." });
    const err = await h.exchange.updateLeverage("BTC", 3, "cross").catch((e) => e);
    expect(err).toBeInstanceOf(ExchangeRejectError);
    expect(err.venueMessage).toBe("Invalid leverage value.");
  });
});

describe("websocket faults", () => {
  const until = async (cond: () => boolean, ms = 5_000) => {
    const end = performance.now() + ms;
    while (!cond() && performance.now() < end) await Bun.sleep(20);
    return cond();
  };

  test("a dropped socket reconnects and resubscribes; data flows again", async () => {
    const ws = new WsClient({ url: h.fake.wsUrl, staleAfterMs: 60_000 });
    ws.subscribe({ type: "candle", coin: "ETH", interval: "15m" });
    ws.subscribe({ type: "allMids" });
    ws.start();
    try {
      expect(await until(() => ws.cache.latestCandle("ETH", "15m") !== undefined)).toBe(true);
      const connectionsBefore = h.fake.stats().ws.connections;
      expect(h.fake.dropWebSockets()).toBeGreaterThan(0);
      expect(await until(() => ws.stats().reconnects >= 1 && ws.state === "open")).toBe(true);
      const lastT = ws.cache.latestCandle("ETH", "15m")!.t;
      await Bun.sleep(100); // resubscribe messages reach the fake
      h.fake.advance(15 * 60_000);
      expect(await until(() => ws.cache.latestCandle("ETH", "15m")!.t > lastT)).toBe(true);
      expect(h.fake.stats().ws.connections).toBe(connectionsBefore + 1);
    } finally {
      ws.stop();
    }
  });

  test("a silent socket (no pong) is declared dead by the heartbeat and replaced", async () => {
    const ws = new WsClient({
      url: h.fake.wsUrl,
      staleAfterMs: 60_000,
      pingIntervalMs: 100,
      pongTimeoutMs: 150,
    });
    ws.subscribe({ type: "allMids" });
    ws.start();
    try {
      expect(await until(() => ws.state === "open")).toBe(true);
      h.fake.injectFault({ kind: "wsSilence", type: "ping" });
      expect(await until(() => ws.stats().reconnects >= 1 && ws.state === "open")).toBe(true);
      expect(h.fake.stats().faults.wsSilence).toBe(1);
    } finally {
      ws.stop();
    }
  });
});

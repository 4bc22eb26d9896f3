import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import { AddressBudget } from "../../src/hyperliquid/address-budget.ts";
import { AssetBook } from "../../src/hyperliquid/assets.ts";
import { ExchangeRejectError, InvalidOrderError, TransportError } from "../../src/hyperliquid/errors.ts";
import { ExchangeClient, type OrderRequest } from "../../src/hyperliquid/exchange-client.ts";
import { NonceManager } from "../../src/hyperliquid/nonce.ts";
import { decode } from "../../src/hyperliquid/schemas/common.ts";
import { ExchangeRequestBody } from "../../src/hyperliquid/schemas/exchange-request.ts";
import { Meta } from "../../src/hyperliquid/schemas/meta.ts";
import { recoverL1Signer, Signer } from "../../src/hyperliquid/signing/index.ts";
import { fixture, fixtureEntry } from "./support/fixtures.ts";
import { type Reply, scriptedServer } from "./support/scripted-server.ts";
import { instantTransport } from "./support/venue.ts";

const server = scriptedServer();
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

const signer = new Signer("0x0123456789012345678901234567890123456789012345678901234567890123");
const assets = new AssetBook(decode(Meta, fixture("meta"), "meta"));

/** Answers like the node: a signature that does not recover to our signer is an unknown user. */
function verified(reply: unknown): Reply {
  return (raw) => {
    const body = decode(ExchangeRequestBody, raw, "body");
    const signerAddress = recoverL1Signer(
      {
        action: body.action,
        nonce: body.nonce,
        vaultAddress: body.vaultAddress ?? undefined,
        expiresAfter: body.expiresAfter ?? undefined,
        isMainnet: false,
      },
      body.signature,
    );
    if (signerAddress !== signer.address) {
      return { json: { status: "err", response: `User or API Wallet ${signerAddress} does not exist.` } };
    }
    return { json: reply };
  };
}

function client(
  extra: { vaultAddress?: string; expiresAfterMs?: number; addressBudget?: AddressBudget } = {},
) {
  const { transport, clock } = instantTransport(server.url);
  return new ExchangeClient({
    transport,
    signer,
    nonces: new NonceManager(clock),
    assets,
    clock,
    isMainnet: false,
    ...extra,
  });
}

const gtc = { limit: { tif: "Gtc" } } as const;
const buyEth: OrderRequest = { coin: "ETH", isBuy: true, price: "1891.4", size: "0.02", type: gtc };

function sentAction(i = -1): Record<string, unknown> {
  return (server.requests.at(i)!.body as { action: Record<string, unknown> }).action;
}

describe("ExchangeClient.order", () => {
  test("one typed outcome per order, in order; per-order errors are values, not throws", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "order")));
    const orders: OrderRequest[] = [
      { ...buyEth, cloid: "0x0000000000000000000000000000000A" },
      { ...buyEth, type: { limit: { tif: "Ioc" } } },
      { ...buyEth, price: "1891.5" },
      { ...buyEth, type: { limit: { tif: "Alo" } } },
      {
        coin: "ETH",
        isBuy: false,
        price: "1700",
        size: "0.02",
        reduceOnly: true,
        type: { trigger: { isMarket: true, triggerPx: "1750", tpsl: "sl" } },
      },
    ];
    const outcomes = await client().order(orders);
    expect(outcomes).toEqual([
      { cloid: "0x0000000000000000000000000000000a", status: "resting", oid: 77738308 },
      { cloid: undefined, status: "filled", oid: 77747314, totalSz: "0.02", avgPx: "1891.4" },
      { cloid: undefined, status: "error", message: "Order must have minimum value of $10." },
      { cloid: undefined, status: "waitingForFill" },
      { cloid: undefined, status: "waitingForTrigger" },
    ]);
    expect(JSON.stringify(sentAction())).toBe(
      JSON.stringify({
        type: "order",
        orders: [
          {
            a: 1,
            b: true,
            p: "1891.4",
            s: "0.02",
            r: false,
            t: gtc,
            c: "0x0000000000000000000000000000000a",
          },
          { a: 1, b: true, p: "1891.4", s: "0.02", r: false, t: { limit: { tif: "Ioc" } } },
          { a: 1, b: true, p: "1891.5", s: "0.02", r: false, t: gtc },
          { a: 1, b: true, p: "1891.4", s: "0.02", r: false, t: { limit: { tif: "Alo" } } },
          {
            a: 1,
            b: false,
            p: "1700",
            s: "0.02",
            r: true,
            t: { trigger: { isMarket: true, triggerPx: "1750", tpsl: "sl" } },
          },
        ],
        grouping: "na",
      }),
    );
  });

  test("a single error for a batch applies to every order; missing statuses are unknown", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "batchPrevalidation")));
    const outcomes = await client().order([buyEth, buyEth]);
    expect(outcomes.map((o) => o.status === "error" && o.message)).toEqual([
      "Price must be divisible by tick size.",
      "Price must be divisible by tick size.",
    ]);
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "orderWithCloid")));
    const partial = await client().order([buyEth, buyEth, buyEth]);
    expect(partial.map((o) => o.status)).toEqual(["resting", "unknown", "unknown"]);
  });

  test("a whole-action rejection throws ExchangeRejectError with the venue text verbatim", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "err")));
    const error = await client()
      .order([buyEth])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeRejectError);
    expect((error as ExchangeRejectError).venueMessage).toBe(
      "User or API Wallet 0x0000000000000000000000000000000000000001 does not exist.",
    );
  });

  test("a signature for the wrong network recovers another address (the check above is real)", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "orderWithCloid")));
    const { transport, clock } = instantTransport(server.url);
    const mainnet = new ExchangeClient({
      transport,
      signer,
      nonces: new NonceManager(clock),
      assets,
      clock,
      isMainnet: true,
    });
    await expect(mainnet.order([buyEth])).rejects.toMatchObject({ kind: "exchange_reject" });
  });

  test("a clock with fractional ms still signs: whole-ms nonce and expiresAfter", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "orderWithCloid")));
    const { transport, clock } = instantTransport(server.url, new ManualClock(1_700_000_000_000.6));
    const fractional = new ExchangeClient({
      transport,
      signer,
      nonces: new NonceManager(clock),
      assets,
      clock,
      isMainnet: false,
      expiresAfterMs: 5_000,
    });
    const [outcome] = await fractional.order([{ ...buyEth, cloid: "0x00000000000000000000000000000003" }]);
    expect(outcome?.status).toBe("resting");
    expect(server.requests.at(-1)?.body).toMatchObject({
      nonce: 1_700_000_000_000,
      expiresAfter: 1_700_000_005_000,
    });
  });

  test("a 5xx is an unknown outcome, sent once, never resent", async () => {
    server.script("/exchange", { status: 502 });
    const error = await client()
      .order([{ ...buyEth, cloid: "0x00000000000000000000000000000002" }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).outcomeUnknown).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  test("off-grid price, off-lot size, tiny notional and unknown coins are refused before sending", async () => {
    const c = client();
    const bad: OrderRequest[] = [
      { ...buyEth, price: "1891.45" },
      { ...buyEth, size: "0.00001" },
      { ...buyEth, size: "0.005" },
      { ...buyEth, coin: "NOPE" },
      { ...buyEth, cloid: "0x1234" },
    ];
    for (const order of bad) await expect(c.order([order])).rejects.toBeInstanceOf(InvalidOrderError);
    expect(server.requests).toHaveLength(0);
  });

  test("a reduce-only order below $10 is allowed (closing a remainder)", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "orderWithCloid")));
    await client().order([{ ...buyEth, size: "0.005", reduceOnly: true }]);
    expect(server.requests).toHaveLength(1);
  });

  test("vault address and expiresAfter travel in the body and are signed; nonces increase", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "orderWithCloid")));
    const vault = "0x1719884EB866cb12b2287399b15f7db5e7d775ea";
    const c = client({ vaultAddress: vault, expiresAfterMs: 10_000 });
    expect((await c.order([buyEth]))[0]?.status).toBe("resting");
    await c.order([buyEth]);
    const [first, second] = server.requests.map(
      (r) => r.body as { nonce: number; vaultAddress: string; expiresAfter: number },
    );
    expect(first?.vaultAddress).toBe(vault.toLowerCase());
    expect(first?.expiresAfter).toBe((first?.nonce ?? 0) + 10_000);
    expect(second!.nonce).toBeGreaterThan(first!.nonce);
  });

  test("the address budget refuses before anything is sent", async () => {
    const budget = new AddressBudget();
    budget.sync({ cumVlm: 0, nRequestsUsed: 10_000 });
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "orderWithCloid")));
    const c = client({ addressBudget: budget });
    await c.order([buyEth]);
    await expect(c.order([buyEth])).rejects.toMatchObject({ kind: "address_budget" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("ExchangeClient other actions", () => {
  test("cancel and cancelByCloid: wire keys a/o and asset/cloid, per-item outcomes", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "cancel")));
    const c = client();
    expect(
      await c.cancel([
        { coin: "BTC", oid: 1 },
        { coin: "SOL", oid: 2 },
      ]),
    ).toEqual([
      { status: "success" },
      { status: "error", message: "Order was never placed, already canceled, or filled." },
    ]);
    expect(JSON.stringify(sentAction())).toBe('{"type":"cancel","cancels":[{"a":0,"o":1},{"a":5,"o":2}]}');
    await c.cancelByCloid([{ coin: "ETH", cloid: "0x00000000000000000000000000000001" }]);
    expect(JSON.stringify(sentAction())).toBe(
      '{"type":"cancelByCloid","cancels":[{"asset":1,"cloid":"0x00000000000000000000000000000001"}]}',
    );
  });

  test("updateLeverage and scheduleCancel", async () => {
    server.script("/exchange", verified(fixtureEntry("exchange-responses", "default")));
    const c = client();
    await c.updateLeverage("BTC", 5, "cross");
    expect(JSON.stringify(sentAction())).toBe(
      '{"type":"updateLeverage","asset":0,"isCross":true,"leverage":5}',
    );
    await c.updateLeverage("SOL", 3, "isolated");
    expect(sentAction()).toEqual({ type: "updateLeverage", asset: 5, isCross: false, leverage: 3 });
    await c.scheduleCancel(1_713_826_000_000);
    expect(JSON.stringify(sentAction())).toBe('{"type":"scheduleCancel","time":1713826000000}');
    await c.scheduleCancel(null);
    expect(JSON.stringify(sentAction())).toBe('{"type":"scheduleCancel"}');
    await expect(c.updateLeverage("BTC", 51, "cross")).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(c.updateLeverage("X", 2, "cross")).rejects.toBeInstanceOf(InvalidOrderError);
  });
});

// The fake Hyperliquid's protocol fidelity, checked with raw HTTP/WS and the adapter's signing module.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ExchangeAction } from "../../src/hyperliquid/actions.ts";
import { signedBody } from "../../src/hyperliquid/signed-body.ts";
import { Signer } from "../../src/hyperliquid/signing/index.ts";
import { parseCandleFile } from "../../src/market/csv-files.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { HL_DATA } from "../support/paths.ts";

const T0 = Date.parse("2025-06-01T00:00:00Z");
const HOUR = 3_600_000;
let fake: FakeHyperliquid;
// biome-ignore lint/suspicious/noExplicitAny: raw venue payloads are walked by hand in these tests
type Json = any;

async function post(path: string, body: unknown): Promise<{ status: number; json: Json; text: string }> {
  const r = await fetch(fake.url + path, { method: "POST", body: JSON.stringify(body) });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: r.status, json, text };
}

let nonce = T0;
function act(signer: Signer, action: unknown, extra: { vaultAddress?: string } = {}) {
  return post(
    "/exchange",
    signedBody(signer, action as ExchangeAction, { nonce: ++nonce, isMainnet: false, ...extra }),
  );
}

const order = (
  o: Partial<{ a: number; b: boolean; p: string; s: string; r: boolean; t: unknown; c: string }>,
) => ({
  type: "order",
  orders: [{ a: 0, b: true, p: "110000", s: "0.001", r: false, t: { limit: { tif: "Ioc" } }, ...o }],
  grouping: "na",
});

beforeAll(() => {
  fake = startFakeHyperliquid({ time: T0 + 7.5 * 60_000, maxCandlesPerResponse: 3000 });
});
afterAll(() => fake.stop());

describe("fake /info market data", () => {
  test("candleSnapshot: the real closed bars verbatim, the forming bar last, only the latest window", async () => {
    const now = fake.now();
    const all = parseCandleFile(`${HL_DATA}/BTC-1h.csv.gz`);
    const r = await post("/info", {
      type: "candleSnapshot",
      req: { coin: "BTC", interval: "1h", startTime: 0, endTime: now },
    });
    expect(r.status).toBe(200);
    const bars = r.json as { t: number; T: number; o: string; c: string; v: string }[];
    expect(bars.length).toBe(3000); // per-response cap from the start of the range
    const forming = Math.floor(now / HOUR) * HOUR;
    expect(bars[0]!.t).toBe(forming - 4999 * HOUR); // only the latest 5000 exist
    const real = all.find((c) => c.t === bars[10]!.t)!;
    expect([+bars[10]!.o, +bars[10]!.c, +bars[10]!.v]).toEqual([real.open, real.close, real.volume]);
    const rest = await post("/info", {
      type: "candleSnapshot",
      req: { coin: "BTC", interval: "1h", startTime: bars.at(-1)!.t + HOUR, endTime: now },
    });
    const tail = rest.json as typeof bars;
    expect(tail.length).toBe(2000);
    expect(tail.at(-1)!.t).toBe(forming);
    expect(tail.at(-1)!.T).toBe(forming + HOUR - 1);
    expect(tail.at(-2)!.t + HOUR).toBeLessThanOrEqual(now);
  });

  test("fundingHistory pages at 500 and never shows events after now", async () => {
    const start = fake.now() - 30 * 24 * HOUR;
    const p1 = (await post("/info", { type: "fundingHistory", coin: "ETH", startTime: start })).json as {
      time: number;
    }[];
    expect(p1.length).toBe(500);
    const p2 = (await post("/info", { type: "fundingHistory", coin: "ETH", startTime: p1.at(-1)!.time + 1 }))
      .json as {
      time: number;
    }[];
    expect(p2.length).toBe(220);
    expect(p2.at(-1)!.time).toBeLessThanOrEqual(fake.now());
  });

  test("l2Book is the REAL archived book inside its hour, 20 levels per side", async () => {
    const other = startFakeHyperliquid({ time: "2024-01-01T12:00:00Z" });
    try {
      const r = await fetch(`${other.url}/info`, {
        method: "POST",
        body: JSON.stringify({ type: "l2Book", coin: "BTC" }),
      });
      const book = (await r.json()) as { time: number; levels: { px: string; sz: string; n: number }[][] };
      expect(book.time).toBe(1704110399915);
      expect(book.levels[0]![0]).toEqual({ px: "42727.0", sz: "0.02265", n: 1 });
      expect(book.levels[0]!.length).toBe(20);
      expect(+book.levels[1]![0]!.px).toBeGreaterThan(42727);
    } finally {
      await other.stop();
    }
  });

  test("a body it cannot read is HTTP 422 with Hyperliquid's text", async () => {
    const r = await post("/info", { type: "candleSnapshot", coin: "BTC" });
    expect(r.status).toBe(422);
    expect(r.text).toBe("Failed to deserialize the JSON body into the target type");
  });
});

describe("fake /exchange", () => {
  const key = { usdc: 50_000 };
  let signer: Signer;
  let address: string;
  beforeAll(() => {
    const acct = fake.createAccount(key);
    signer = new Signer(acct.privateKey!);
    address = acct.address;
  });

  test("an unknown signer (wrong key) is refused with the recovered address", async () => {
    const stranger = new Signer(`0x${"11".repeat(32)}`);
    const r = await act(stranger, order({}));
    expect(r.json).toEqual({
      status: "err",
      response: `User or API Wallet ${stranger.address} does not exist.`,
    });
  });

  test("a signature over keys in another order recovers someone else", async () => {
    const action = order({});
    const reordered = { grouping: "na", type: "order", orders: action.orders };
    const r = await post(
      "/exchange",
      signedBody(signer, reordered as unknown as ExchangeAction, { nonce: ++nonce, isMainnet: false }),
    );
    expect(r.json.status).toBe("err");
    expect(r.json.response).toMatch(/^User or API Wallet 0x[0-9a-f]{40} does not exist\.$/);
    expect(r.json.response).not.toContain(address);
  });

  test("duplicate nonce is refused verbatim", async () => {
    const body = signedBody(
      signer,
      order({ s: "0.0001", p: "100000", t: { limit: { tif: "Alo" } } }) as unknown as ExchangeAction,
      {
        nonce: ++nonce,
        isMainnet: false,
      },
    );
    expect((await post("/exchange", body)).json.status).toBe("ok");
    expect((await post("/exchange", body)).json).toEqual({
      status: "err",
      response: `Invalid nonce: duplicate nonce ${nonce}`,
    });
  });

  test("per-order rejections use HL's strings", async () => {
    const err = async (o: object) => (await act(signer, order(o))).json.response.data.statuses[0].error;
    expect(await err({ s: "0.00001" })).toBe("Order must have minimum value of $10. asset=0");
    expect(await err({ p: "105000.5" })).toBe("Price must be divisible by tick size. asset=0");
    expect(await err({ s: "0.000001" })).toBe("Order has invalid size. asset=0");
    expect(await err({ s: "20" })).toBe("Insufficient margin to place order. asset=0");
    expect(await err({ r: true })).toBe("Reduce only order would increase position. asset=0");
    expect(await err({ p: "90000" })).toBe(
      "Order could not immediately match against any resting orders. asset=0",
    );
    expect(await err({ p: "110000", t: { limit: { tif: "Alo" } } })).toMatch(
      /^Post only order would have immediately matched, bbo was \d+@\d+\. asset=0$/,
    );
  });

  test("an agent wallet signs for its master; fills, positions and funding land on the master", async () => {
    const agent = new Signer(`0x${"22".repeat(32)}`);
    fake.approveAgent(address, agent.address);
    const r = await act(agent, order({ s: "0.01", c: "0x000000000000000000000000000000aa" }));
    expect(r.json.response.data.statuses[0].filled.totalSz).toBe("0.01");
    const state = await post("/info", { type: "clearinghouseState", user: address });
    expect(state.json.assetPositions[0].position.szi).toBe("0.01");
    const before = fake.account(address)!.usdc;
    fake.advanceTo(Math.floor(fake.now() / HOUR) * HOUR + HOUR);
    const paid = before - fake.account(address)!.usdc;
    expect(paid).toBeGreaterThan(0); // positive real funding rate: the long pays
    const funding = await post("/info", { type: "userFunding", user: address, startTime: 0 });
    expect(funding.json.length).toBe(1);
    expect(Number(funding.json[0].delta.usdc)).toBeCloseTo(-paid, 6);
  });

  test("a stop-market trigger fires on the mark path and closes the position", async () => {
    const mark = fake.mark("BTC")!;
    const stopPx = String(Math.round(mark * 0.995));
    const r = await act(
      signer,
      order({
        b: false,
        r: true,
        p: String(Math.round(mark * 0.9)),
        s: "0.01",
        t: { trigger: { isMarket: true, triggerPx: stopPx, tpsl: "sl" } },
      }),
    );
    const oid = r.json.response.data.statuses[0].resting.oid;
    let status = "open";
    for (let h = 0; h < 48 && status === "open"; h++) {
      fake.advance(HOUR);
      status = (await post("/info", { type: "orderStatus", user: address, oid })).json.order.status;
    }
    expect(status).toBe("filled");
    const fills = (await post("/info", { type: "userFills", user: address })).json;
    expect(fills[0].oid).toBe(oid);
    expect(fills[0].dir).toBe("Close Long");
    expect(Math.abs(+fills[0].px - +stopPx) / +stopPx).toBeLessThan(0.002);
  });

  test("scheduleCancel cancels every open order when its time passes", async () => {
    const rest = await act(
      signer,
      order({ p: String(Math.round(fake.mark("BTC")! * 0.5)), s: "0.001", t: { limit: { tif: "Gtc" } } }),
    );
    const oid = rest.json.response.data.statuses[0].resting.oid;
    expect((await act(signer, { type: "scheduleCancel", time: fake.now() + 1000 })).json.status).toBe("err");
    expect((await act(signer, { type: "scheduleCancel", time: fake.now() + 10_000 })).json).toEqual({
      status: "ok",
      response: { type: "default" },
    });
    fake.advance(11_000);
    expect((await post("/info", { type: "orderStatus", user: address, oid })).json.order.status).toBe(
      "scheduledCancel",
    );
  });
});

describe("fake faults and limits", () => {
  test("injected faults fire for the next N matching requests and are counted", async () => {
    fake.injectFault({ kind: "http500", endpoint: "info", type: "allMids", times: 2 });
    expect((await post("/info", { type: "allMids" })).status).toBe(500);
    expect((await post("/info", { type: "meta" })).status).toBe(200);
    expect((await post("/info", { type: "allMids" })).status).toBe(500);
    expect((await post("/info", { type: "allMids" })).status).toBe(200);
    fake.injectFault({ kind: "malformed", type: "meta" });
    const cut = await post("/info", { type: "meta" });
    expect(cut.status).toBe(200);
    expect(cut.json).toBeNull();
    expect(fake.stats().faults).toMatchObject({ http500: 2, malformed: 1 });
  });

  test("probabilistic faults replay exactly with the same seed", async () => {
    const pattern = async () => {
      const f = startFakeHyperliquid({ seed: 7 });
      f.injectFault({ kind: "http429", probability: 0.5 });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        codes.push((await fetch(`${f.url}/info`, { method: "POST", body: '{"type":"meta"}' })).status);
      }
      await f.stop();
      return codes;
    };
    const a = await pattern();
    expect(a).toContain(429);
    expect(a).toContain(200);
    expect(await pattern()).toEqual(a);
  });

  test("its own 1200-weight window answers 429 and counts it", async () => {
    const f = startFakeHyperliquid({ rateLimit: { weightPerWindow: 60, windowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push((await fetch(`${f.url}/info`, { method: "POST", body: '{"type":"meta"}' })).status);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect(f.stats().rateLimited).toBe(1);
      expect(f.stats().weight).toBe(60);
    } finally {
      await f.stop();
    }
  });

  test("websocket: greeting, subscription ack, pong, candle pushes as the clock advances", async () => {
    const ws = new WebSocket(fake.wsUrl);
    const got: string[] = [];
    await new Promise((resolve) => {
      ws.onopen = resolve;
    });
    ws.onmessage = (e) => got.push(String(e.data));
    ws.send(
      JSON.stringify({ method: "subscribe", subscription: { type: "candle", coin: "ETH", interval: "15m" } }),
    );
    ws.send(JSON.stringify({ method: "ping" }));
    await Bun.sleep(100);
    fake.advance(15 * 60_000);
    await Bun.sleep(100);
    ws.close();
    const msgs = got.filter((m) => m.startsWith("{")).map((m) => JSON.parse(m));
    expect(msgs[0]).toEqual({
      channel: "subscriptionResponse",
      data: { method: "subscribe", subscription: { type: "candle", coin: "ETH", interval: "15m" } },
    });
    expect(msgs.some((m) => m.channel === "pong")).toBe(true);
    const candles = msgs.filter((m) => m.channel === "candle").map((m) => m.data.t);
    expect(new Set(candles).size).toBeGreaterThanOrEqual(2); // the bar that closed, then the new one
  });
});

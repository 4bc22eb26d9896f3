// The local venue's answers have the SHAPE of Hyperliquid's recorded ones (tests/fixtures/hyperliquid/
// recorded, sources in its README): the same keys, numbers written the same way ("104022.0", never
// "104022"), integers where Hyperliquid sends integers, null where it sends null (issue 14 #16).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { ExchangeAction } from "../../src/hyperliquid/actions.ts";
import { signedBody } from "../../src/hyperliquid/signed-body.ts";
import { Signer } from "../../src/hyperliquid/signing/index.ts";
import { recorded, recordedExchange } from "../hyperliquid/support/fixtures.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";

const T0 = Date.parse("2025-06-01T00:00:00Z");
const HOUR = 3_600_000;
// biome-ignore lint/suspicious/noExplicitAny: raw venue payloads are walked by hand here
type Json = any;

/** What a value looks like on the wire: "decimal" ("12.0"), "bare-integer" ("12"), "int", "null", … */
function kind(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string")
    return /^-?\d+\.\d+$/.test(v) ? "decimal" : /^-?\d+$/.test(v) ? "bare-integer" : "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  return Array.isArray(v) ? "array" : typeof v;
}

/** Where `ours` differs in shape from the recorded `real`: keys of `real` missing or of another kind. */
function mismatches(ours: unknown, real: unknown, optional: readonly string[] = [], path = "$"): string[] {
  if (kind(ours) !== kind(real))
    return [`${path}: ${kind(ours)} (${JSON.stringify(ours)}), recorded ${kind(real)}`];
  if (Array.isArray(real) && Array.isArray(ours)) {
    return real.length && ours.length ? mismatches(ours[0], real[0], optional, `${path}[0]`) : [];
  }
  if (real && typeof real === "object") {
    const o = ours as Record<string, unknown>;
    return Object.entries(real).flatMap(([k, v]) =>
      k in o
        ? mismatches(o[k], v, optional, `${path}.${k}`)
        : optional.includes(k)
          ? []
          : [`${path}.${k}: missing`],
    );
  }
  return [];
}

let fake: FakeHyperliquid;
let signer: Signer;
let address: string;
let nonce = T0;

async function post(path: string, body: unknown): Promise<Json> {
  const r = await fetch(fake.url + path, { method: "POST", body: JSON.stringify(body) });
  return r.json();
}

const act = (order: Record<string, unknown>) =>
  post(
    "/exchange",
    signedBody(
      signer,
      {
        type: "order",
        orders: [{ a: 0, b: true, p: "110000", s: "0.01", r: false, t: { limit: { tif: "Ioc" } }, ...order }],
        grouping: "na",
      } as unknown as ExchangeAction,
      { nonce: ++nonce, isMainnet: false },
    ),
  );

beforeAll(async () => {
  fake = startFakeHyperliquid({ time: T0 + 7.5 * 60_000 });
  const acct = fake.createAccount({ usdc: 50_000 });
  signer = new Signer(acct.privateKey!);
  address = acct.address;
  await act({}); // a taker fill: a long BTC position
  const mark = fake.mark("BTC")!;
  await act({ p: String(Math.round(mark * 0.5)), s: "0.001", t: { limit: { tif: "Gtc" } } });
  await act({
    b: false,
    r: true,
    p: String(Math.round(mark * 0.5)),
    t: { trigger: { isMarket: true, triggerPx: String(Math.round(mark * 0.6)), tpsl: "sl" } },
  });
  fake.advanceTo(Math.floor(fake.now() / HOUR) * HOUR + HOUR); // one funding payment
});
afterAll(() => fake.stop());

describe("local venue payload shapes vs recorded Hyperliquid answers (issue 14 #16)", () => {
  test('issue 14 #16: candleSnapshot starts with the bar containing startTime; volumes like "520665683.0"', async () => {
    const real = recordedExchange("candleSnapshot.kPEPE-1h").response as Json[];
    const start = T0 - 5 * HOUR + 123_456; // off the grid, like the recorded request
    const ours = await post("/info", {
      type: "candleSnapshot",
      req: { coin: "kPEPE", interval: "1h", startTime: start, endTime: start + 3 * HOUR },
    });
    expect(ours[0].t).toBe(T0 - 5 * HOUR);
    expect(ours[0].T).toBeGreaterThanOrEqual(start);
    expect(mismatches(ours, real)).toEqual([]);
  });

  test("issue 14 #16: l2Book levels write prices and sizes as Hyperliquid does", async () => {
    const real = recordedExchange("l2Book.DYDX").response;
    const ours = await post("/info", { type: "l2Book", coin: "BTC" });
    expect(mismatches(ours, real)).toEqual([]);
    for (const side of ours.levels)
      for (const l of side) expect([kind(l.px), kind(l.sz)]).toEqual(["decimal", "decimal"]);
  });

  test("issue 14 #16: frontendOpenOrders: a limit and a trigger order, children included", async () => {
    const [realTp, , realLimit] = recordedExchange("frontendOpenOrders.INJ").response as Json[];
    const ours = (await post("/info", { type: "frontendOpenOrders", user: address })) as Json[];
    const limit = ours.find((o) => !o.isTrigger);
    const trigger = ours.find((o) => o.isTrigger);
    expect(mismatches(limit, realLimit)).toEqual([]);
    expect(mismatches(trigger, realTp)).toEqual([]);
    expect(limit.limitPx).toMatch(/\.0$/); // an integer price the client sent as "52000" comes back "52000.0"
  });

  test('issue 14 #16: fills carry twapId, numbers like "66653.0"; userFunding.nSamples is an integer', async () => {
    const realFill = (recorded("ws.user-fill-liquidation") as Json).data.fills[0];
    const fills = await post("/info", { type: "userFillsByTime", user: address, startTime: 0 });
    expect(mismatches(fills[0], realFill, ["cloid", "liquidation"])).toEqual([]);
    const realFunding = recordedExchange("userFunding").response as Json[];
    const funding = await post("/info", { type: "userFunding", user: address, startTime: 0 });
    expect(funding).toHaveLength(1);
    expect(mismatches(funding, realFunding)).toEqual([]);
  });
});

import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { inspect } from "node:util";
import { VenueSection } from "../../src/config/sections/venue.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { SecretError } from "../../src/core/errors.ts";
import { HyperliquidClient, resolveEndpoints } from "../../src/hyperliquid/client.ts";
import { fixture, fixtureEntry } from "./support/fixtures.ts";
import { scriptedServer } from "./support/scripted-server.ts";

const server = scriptedServer();
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

// An agent wallet (the SDK test key) trading for a different account.
const KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
const ACCOUNT = "0xB7b6f3cea3f66bf525f5d8f965f6dbf6d9b017b2";
const secrets = { privateKey: KEY, accountAddress: ACCOUNT } as const;

function venue(extra: Record<string, unknown> = {}) {
  return VenueSection.parse({
    network: "custom",
    http_url: server.url,
    ws_url: "ws://127.0.0.1:9/ws",
    ...extra,
  });
}

describe("resolveEndpoints", () => {
  test("mainnet, testnet, custom (custom signs as testnet)", () => {
    expect(resolveEndpoints(VenueSection.parse({}))).toEqual({
      http: "https://api.hyperliquid.xyz",
      ws: "wss://api.hyperliquid.xyz/ws",
      isMainnet: true,
    });
    expect(resolveEndpoints(VenueSection.parse({ network: "testnet" })).isMainnet).toBe(false);
    expect(resolveEndpoints(venue())).toEqual({
      http: server.url,
      ws: "ws://127.0.0.1:9/ws",
      isMainnet: false,
    });
  });
});

describe("HyperliquidClient", () => {
  test("account address for queries, agent address for signing; the key never shows", () => {
    const hl = new HyperliquidClient(venue(), secrets);
    expect(hl.accountAddress as string).toBe(ACCOUNT.toLowerCase());
    expect(hl.signerAddress).toBe("0x14791697260e4c9a71f18484c9f997b308e59325");
    for (const text of [JSON.stringify(hl), inspect(hl, { depth: 5 }), Bun.inspect(hl)]) {
      expect(text).not.toContain(KEY.slice(2));
    }
    expect(hl.limiter.capacity).toBe(960);
  });

  test("exchange() loads meta once, even for concurrent callers", async () => {
    server.script("/info", { json: fixture("meta") });
    const hl = new HyperliquidClient(venue(), secrets);
    const [a, b] = await Promise.all([hl.exchange(), hl.exchange()]);
    expect(a).toBe(b);
    expect(server.requests).toEqual([{ path: "/info", body: { type: "meta" } }]);
  });

  test("read-only without secrets: exchange() is a SecretError", async () => {
    const hl = new HyperliquidClient(venue());
    expect(hl.accountAddress).toBeUndefined();
    await expect(hl.exchange()).rejects.toBeInstanceOf(SecretError);
  });

  test("dead-man switch: off at 0 s; otherwise scheduleCancel(now + seconds)", async () => {
    server.script("/info", { json: fixture("meta") });
    server.script("/exchange", { json: fixtureEntry("exchange-responses", "default") });
    const clock = new ManualClock(1_713_826_000_000);
    expect(await new HyperliquidClient(venue(), secrets, { clock }).refreshDeadMansSwitch()).toBeUndefined();
    const hl = new HyperliquidClient(venue({ schedule_cancel_seconds: 30 }), secrets, { clock });
    expect(await hl.refreshDeadMansSwitch()).toBe(1_713_826_030_000);
    const body = server.requests.at(-1)?.body as { action: unknown; nonce: number };
    expect(body.action).toEqual({ type: "scheduleCancel", time: 1_713_826_030_000 });
    expect(hl.stats()).toMatchObject({ transport: { requests: { "/info": 1, "/exchange": 1 } } });
    expect(body.nonce, "nonces on exchange time").toBe(1_713_826_000_000);
  });

  test("dead-man switch on a clock with fractional ms schedules a whole ms", async () => {
    server.script("/info", { json: fixture("meta") });
    server.script("/exchange", { json: fixtureEntry("exchange-responses", "default") });
    const clock = new ManualClock(1_713_826_000_000.6);
    const hl = new HyperliquidClient(venue({ schedule_cancel_seconds: 30 }), secrets, { clock });
    expect(await hl.refreshDeadMansSwitch()).toBe(1_713_826_030_000);
    expect(server.requests.at(-1)?.body).toMatchObject({ nonce: 1_713_826_000_000 });
  });

  test("a replay clock standing still never stalls the limiter: it runs on rateClock + sleep", async () => {
    server.script("/info", { json: fixture("meta") });
    const clock = new ManualClock(1_748_736_000_000); // exchange (replay) time, not advanced here
    const rateClock = new ManualClock(1_000_000);
    let sleeps = 0;
    const sleep = async (ms: number) => {
      if (++sleeps > 100) throw new Error("the limiter does not see its sleeps pass time");
      rateClock.advance(ms);
    };
    const hl = new HyperliquidClient(venue(), undefined, { clock, rateClock, sleep });
    for (let i = 0; i < 50; i++) await hl.info.meta(); // 1000 weight > 960: the 49th waits
    expect(server.requests).toHaveLength(50);
    expect(rateClock.now() - 1_000_000).toBeGreaterThanOrEqual(60_000);
    expect(clock.now()).toBe(1_748_736_000_000);
    expect(hl.limiter.stats()).toMatchObject({ requests: 50, waits: 1 });
  });

  test("by default the limiter runs on wall time, whatever the exchange clock", () => {
    const hl = new HyperliquidClient(venue(), undefined, { clock: new ManualClock(1_600_000_000_000) });
    const before = Date.now();
    hl.limiter.backoff(1_000);
    const { blockedUntil } = hl.limiter.stats();
    expect(blockedUntil).toBeGreaterThanOrEqual(before + 1_000);
    expect(blockedUntil).toBeLessThanOrEqual(Date.now() + 1_000);
  });
});

// /health as the running daemon reports it when the websocket frames stop decoding (issue 14 #14):
// the ws client's counts travel through daemonHealth into the report, and the bot reads as degraded.
import { afterAll, describe, expect, test } from "bun:test";
import { createApiApp } from "../../../src/api/app.ts";
import { daemonHealth } from "../../../src/daemon/health.ts";
import type { HyperliquidClient } from "../../../src/hyperliquid/client.ts";
import type { WsStats } from "../../../src/hyperliquid/ws-client.ts";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

function app(ws: Partial<WsStats>) {
  const now = f.clock.now();
  const stats: WsStats = {
    state: "open",
    connects: 1,
    reconnects: 0,
    messages: 100,
    decodeErrors: 0,
    lastDecodeErrorAt: 0,
    failingChannels: [],
    dropped: 0,
    serverErrors: 0,
    lastDataAt: now - 1_000,
    subscriptions: 3,
    ...ws,
  };
  const client = {
    ws: { stats: () => stats },
    network: "custom",
    endpoints: { http: "http://127.0.0.1:1" },
    stats: () => ({ limiter: { rateLimited429: 0 } }),
  } as unknown as HyperliquidClient;
  const health = daemonHealth({
    db: f.fixture.db,
    clock: f.clock,
    client,
    live: false,
    stats: () => ({
      startedAt: now - 600_000,
      ticks: 10,
      lastTickAt: now - 5_000,
      lastTick: null,
      errors: {},
      errorsTotal: 0,
      restDeferred: 0,
      boots: 1,
      live: null,
    }),
  });
  return createApiApp({ ...f.deps, health });
}

describe("GET /health: websocket decode failures (issue 14 #14)", () => {
  test("issue 14 #14: frames failing to decode are counted in feed and make the bot degraded", async () => {
    const bad = await (
      await app({ state: "stale", decodeErrors: 42, failingChannels: ["allMids"] }).request("/health")
    ).json();
    expect(bad.status).toBe("degraded");
    expect(bad.feed).toMatchObject({ state: "stale", decode_errors: 42, failing_channels: ["allMids"] });
    expect(bad.reasons).toContain(
      "market feed frames fail to decode on allMids (42 decode errors): a payload shape change?",
    );

    // Old decode errors on a channel that decodes again: counted, not degraded.
    const ok = await (await app({ decodeErrors: 3 }).request("/health")).json();
    expect(ok.feed).toMatchObject({ state: "live", decode_errors: 3, failing_channels: [] });
    expect(ok.reasons).toEqual([]);
    expect(ok.status).toBe("ok");
  });
});

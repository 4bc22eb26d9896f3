import { afterAll, describe, expect, test } from "bun:test";
import { createApiApp } from "../../../src/api/app.ts";
import type { HealthSnapshot } from "../../../src/api/types.ts";
import { fixtureApp } from "../support/fixture-app.ts";

const f = fixtureApp();
afterAll(() => f.fixture.db.close());

function daemon(over: Partial<HealthSnapshot>) {
  const snap: HealthSnapshot = {
    source: "daemon",
    version: "9.9.9",
    commit: "abc1234",
    startedAt: f.fixture.end - 600_000,
    lastTickAt: f.clock.now() - 10_000,
    feed: { state: "live", lastMessageAt: f.clock.now() - 1_000 },
    halts: [],
    venue: { network: "mainnet", demo: false, url: "https://api.hyperliquid.xyz", live: false },
    ...over,
  };
  return createApiApp({ ...f.deps, health: { snapshot: () => snap } });
}

describe("GET /health", () => {
  test("standalone: last tick is the newest daemon equity snapshot; ok while fresh", async () => {
    const h = await f.json("/health");
    expect(h).toMatchObject({
      status: "ok",
      reasons: [],
      source: "ledger",
      last_tick_at: new Date(f.fixture.end).toISOString(),
      last_tick_age_seconds: 20,
      tick_seconds: 30,
      feed: { state: "unknown" },
      halts: [],
      venue: null,
      ledger: { path: f.fixture.path },
    });
    expect(h.uptime_seconds).toBe(3620);
  });

  test("degraded once the last tick is older than 3 × tick_seconds", async () => {
    f.clock.set(f.fixture.end + 91_000);
    const h = await f.json("/health");
    f.clock.set(f.fixture.end + 20_000);
    expect(h.status).toBe("degraded");
    expect(h.reasons[0]).toContain("last tick 91 s ago");
  });

  test("degraded while a halt recorded in bot_state is in force", async () => {
    const db = f.fixture.db;
    const now = f.clock.now();
    db.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('halts', ?1, ?2)", [
      JSON.stringify({
        kill: { since: now - 5000, drawdown: 0.16 },
        dailyHaltDay: null,
        cooldowns: { ETH: now + 1 },
      }),
      now,
    ]);
    db.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('halt.manual', ?1, ?2)", [
      JSON.stringify({ reason: "operator", until: now - 1 }),
      now,
    ]);
    const h = await f.json("/health");
    db.run("DELETE FROM bot_state");
    expect(h.status).toBe("degraded");
    expect(h.halts.map((x: { name: string }) => x.name)).toEqual(["kill_switch"]);
    expect(h.reasons).toEqual([
      "halted: kill_switch (drawdown 16.0% breached the floor; needs hlbot resume)",
    ]);
  });

  test("daemon source: version, feed state and halts come from the daemon", async () => {
    const ok = await (await daemon({}).request("/health")).json();
    expect(ok).toMatchObject({ status: "ok", source: "daemon", version: "9.9.9", commit: "abc1234" });
    expect(ok.feed).toMatchObject({ state: "live", age_seconds: 1 });
    expect(ok.venue).toEqual({
      network: "mainnet",
      demo: false,
      url: "https://api.hyperliquid.xyz",
      live: false,
    });
    const stale = await (
      await daemon({ feed: { state: "stale", lastMessageAt: null } }).request("/health")
    ).json();
    expect(stale.status).toBe("degraded");
    expect(stale.reasons).toEqual(["market feed stale"]);
    const fresh = await (await daemon({ lastTickAt: null }).request("/health")).json();
    expect(fresh.reasons).toEqual(["no tick recorded yet"]);
  });
});

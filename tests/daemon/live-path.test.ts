// `hlbot trade --live` plumbing against the fake exchange: the Hyperliquid live path is created with
// the account's value as starting equity, started (reconciliation), driven around every tick, and its
// account state and equity land in the ledger next to the shadow path's.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Daemon } from "../../src/daemon/daemon.ts";
import { hyperliquidLivePath } from "../../src/daemon/live-path.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { type Rig, rig, settle, shutdown } from "./support/harness.ts";

let r: Rig;
let daemon: Daemon;
let client: HyperliquidClient;

beforeAll(async () => {
  r = rig({ time: "2025-06-02T00:00:10Z", overrides: { "engine.history_bars": 100 } });
  const account = r.fake.createAccount({ usdc: 25_000 });
  const secrets = {
    privateKey: account.privateKey as `0x${string}`,
    accountAddress: account.address as `0x${string}`,
  };
  client = new HyperliquidClient(r.config.hyperliquid, secrets, {
    clock: r.clock,
    rateClock: r.clock,
    sleep: r.sleep,
  });
  daemon = new Daemon({
    config: r.config,
    db: r.db,
    client,
    clock: r.clock,
    sleep: r.sleep,
    live: hyperliquidLivePath,
  });
  await daemon.start();
  for (let i = 0; i < 40; i++) {
    r.fake.advance(30_000);
    await settle(client);
    await daemon.tick();
  }
}, 120_000);
afterAll(async () => {
  await daemon.close();
  await shutdown(r);
});

describe("hlbot trade --live on the fake exchange", () => {
  test("the live book is the engine's live path and every tick went through it without error", () => {
    expect(daemon.live).not.toBeNull();
    expect(daemon.session!.engine.live).toBe(daemon.live!.path.book);
    expect(daemon.stats()).toMatchObject({ ticks: 40, errors: {} });
  });

  test("the live account starts at the exchange's account value and is persisted each tick", () => {
    expect(daemon.live!.account.startEquity).toBe(25_000);
    const row = r.db.query("SELECT value FROM bot_state WHERE key = 'account.live'").get() as {
      value: string;
    };
    expect(JSON.parse(row.value)).toMatchObject({ peak: 25_000 });
    const modes = r.db
      .query("SELECT DISTINCT mode FROM equity_snapshots WHERE run_id = 0 ORDER BY mode")
      .all();
    expect(modes).toEqual([{ mode: "live" }, { mode: "shadow" }]);
  });
});

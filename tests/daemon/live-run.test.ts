// An accelerated two-day run of `hlbot trade --live` against the fake Hyperliquid (real prices
// replayed): every long bucket is promoted, no short one. Live trades happen only in promoted buckets
// (short live candidates are refused by the gate), every live trade is a setup the shadow path took on
// the same tick with the same stop and target, and the exchange and the ledger agree at the end —
// every open live position protected by an exchange stop.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { ConfigSchema } from "../../src/config/schema.ts";
import { bucketKey } from "../../src/core/bucket.ts";
import { EMPTY_LIVE_CANDIDATES } from "../../src/core/live-candidates.ts";
import { Daemon } from "../../src/daemon/daemon.ts";
import { hyperliquidLivePath } from "../../src/daemon/live-path.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { type Rig, rig, settle, shutdown } from "./support/harness.ts";

let r: Rig;
let daemon: Daemon;
let client: HyperliquidClient;
let account: string;
const TICK_S = 120;
const DAYS = 2;

function promoteEveryLongBucket(path: string): Set<string> {
  const keys = new Set<string>();
  const buckets = [];
  for (const strategy of ["momentum", "mean_reversion", "ema_pullback", "trend_alpha"])
    for (const session of ["ASIA", "EU_OPEN", "US_MAIN", "US_LATE"])
      for (const regime of ["Long", "Short", "Neutral"] as const)
        for (const vol_bucket of ["low", "mid", "high"]) {
          const key = bucketKey({ strategy, side: "long", session, regime, vol_bucket });
          keys.add(key);
          buckets.push({
            key,
            strategy,
            side: "long",
            session,
            regime,
            vol_bucket,
            state: "LIVE",
            size_multiplier: 1,
            since: "2025-06-01",
            stats: {},
          });
        }
  writeFileSync(path, JSON.stringify({ ...EMPTY_LIVE_CANDIDATES, buckets }));
  return keys;
}

let promoted: Set<string>;

/** Live thresholds = shadow thresholds, so two days give the live path enough candidates to judge. */
function looseLiveThresholds(): Record<string, unknown> {
  const strategies = ConfigSchema.parse({}).strategies;
  return Object.fromEntries(
    Object.entries(strategies).map(([name, s]) => [`strategies.${name}`, { ...s, live: s.shadow }]),
  );
}

beforeAll(async () => {
  r = rig({
    time: "2025-06-02T00:00:10Z",
    overrides: {
      "engine.tick_seconds": TICK_S,
      "live.min_score": 0,
      "risk.max_positions": 6,
      ...looseLiveThresholds(),
    },
  });
  promoted = promoteEveryLongBucket(r.config.live.candidates_path);
  const acct = r.fake.createAccount({ usdc: 50_000 });
  account = acct.address;
  client = new HyperliquidClient(
    r.config.hyperliquid,
    { privateKey: acct.privateKey as `0x${string}`, accountAddress: acct.address as `0x${string}` },
    { clock: r.clock, rateClock: r.clock, sleep: r.sleep },
  );
  daemon = new Daemon({
    config: r.config,
    db: r.db,
    client,
    clock: r.clock,
    sleep: r.sleep,
    live: hyperliquidLivePath,
  });
  await daemon.start();
  for (let i = 0; i < (DAYS * 86_400) / TICK_S; i++) {
    r.fake.advance(TICK_S * 1000);
    await settle(client);
    await daemon.tick();
  }
}, 300_000);

afterAll(async () => {
  await daemon.close();
  await shutdown(r);
});

type Row = {
  id: number;
  setup_key: string;
  strategy: string;
  side: string;
  session: string;
  regime: string;
  vol_bucket: string;
  opened_at: number;
  initial_stop_px: number;
  target_px: number;
  status: string;
  coin: string;
  size: number;
};
const rows = (mode: string) =>
  r.db.query("SELECT * FROM positions WHERE run_id = 0 AND mode = ?1").all(mode) as Row[];

describe("hlbot trade --live, two accelerated days", () => {
  test("live trades only in promoted buckets; unpromoted live candidates are refused with the reason", () => {
    const live = rows("live");
    expect(live.length).toBeGreaterThan(2); // 6 on this window: stop, breakeven and target exits, 2 still open
    for (const p of live)
      expect(promoted.has(bucketKey({ ...p, side: p.side as "long" } as never))).toBe(true);
    const refused = r.db
      .query("SELECT reasons FROM decisions WHERE run_id = 0 AND mode = 'live' AND side = 'short'")
      .all() as { reasons: string }[];
    expect(refused.length).toBeGreaterThan(0);
    for (const d of refused) expect(JSON.parse(d.reasons)).toContain("bucket_not_promoted");
    expect(daemon.stats().errors).toEqual({});
  });

  test("each live trade is a setup the shadow path took on the same tick, with the same stop and target", () => {
    const shadow = new Map(rows("shadow").map((p) => [`${p.setup_key}|${p.strategy}`, p]));
    for (const l of rows("live")) {
      const s = shadow.get(`${l.setup_key}|${l.strategy}`);
      expect(s).toBeDefined();
      expect([s!.opened_at, s!.initial_stop_px, s!.target_px]).toEqual([
        l.opened_at,
        l.initial_stop_px,
        l.target_px,
      ]);
    }
  });

  test("exchange and ledger agree; every open live position has a reduce-only exchange stop", async () => {
    const open = rows("live").filter((p) => p.status === "open");
    const onExchange = [...r.fake.account(account)!.positions.values()].filter((p) => p.szi !== 0);
    expect(open.map((p) => p.coin).sort()).toEqual(onExchange.map((p) => p.coin).sort());
    const orders = await client.info.frontendOpenOrders(account);
    for (const p of open)
      expect(orders.some((o) => o.coin === p.coin && o.isTrigger && o.reduceOnly)).toBe(true);
  });
});

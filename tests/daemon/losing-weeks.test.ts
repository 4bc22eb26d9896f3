// Issue 16, live-path safety: the losing-weeks start-up check runs AFTER start-up reconciliation, so an
// exit the exchange made while hlbot was down counts — in the week it happened. Two losing weeks are
// in the ledger; the third is a stop that fired on the exchange during the downtime: `--live` refuses
// to start (exit 2) once reconciliation has booked it, and starts with --force.
import { afterEach, describe, expect, test } from "bun:test";
import { Daemon } from "../../src/daemon/daemon.ts";
import { hyperliquidLivePath } from "../../src/daemon/live-path.ts";
import { LosingWeeksError } from "../../src/daemon/losing-weeks.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { LedgerJournal } from "../../src/engine/journals.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { createLivePath } from "../../src/live/live-path.ts";
import { candidate } from "../live/support.ts";
import { shutdown } from "./support/harness.ts";
import { held, type LiveRig, liveRig } from "./support/live-rig.ts";

let r: LiveRig | null = null;
afterEach(async () => {
  if (r) await shutdown(r);
  r = null;
});

function losingLiveTrade(r: LiveRig, closedAt: string): void {
  const t = Date.parse(closedAt);
  r.db.run(
    `INSERT INTO positions (run_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key,
      sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px,
      risk_usd, best_px, closed_at, net_pnl, updated_at)
     VALUES (0, 'live', 'BTC', 'long', 'momentum', 'EU_OPEN', 'Long', 'mid', ?1, 'v4', 'closed', ?2, 100, 1, 1,
      90, 90, 120, 10, 100, ?2, -5, ?2)`,
    [`loss-${closedAt}`, t],
  );
}

describe("losing weeks after start-up reconciliation", () => {
  test("a stop that fired during the downtime makes the third losing week: exit 2, unless --force", async () => {
    r = liveRig({ time: "2025-06-03T00:00:10Z", overrides: { "engine.history_bars": 100 } });
    const rig = r;
    losingLiveTrade(rig, "2025-05-21T12:00:00Z");
    losingLiveTrade(rig, "2025-05-28T12:00:00Z");
    // Before the downtime: a live ETH long with a tight exchange stop.
    const first = await createLivePath({
      config: rig.config,
      client: rig.client,
      db: rig.db,
      journal: new LedgerJournal(rig.db, 0, rig.clock),
      clock: rig.clock,
      account: new EquityTracker("live", 25_000),
      modelVersion: "v4",
      restored: [],
    });
    await first.start();
    const c = candidate("ETH", rig.fake.mark("ETH")!, 0.002);
    const view = {
      now: rig.clock.now(),
      closedBars: [],
      segments: new Map(),
      funding: [],
      price: (coin: string) => rig.fake.mark(coin) ?? undefined,
    };
    const plan = first.book.plan(c, view);
    if (!plan.ok) throw new Error(plan.reason);
    first.book.enter(plan, null, rig.clock.now());
    await first.afterTick();
    expect(first.book.open).toHaveLength(1);
    // hlbot is down; the stop fires on the exchange (still that week); it stays down into the next week.
    for (let i = 0; i < 400 && held(rig, "ETH") !== 0; i++) rig.fake.advance(15 * 60_000);
    expect(held(rig, "ETH")).toBe(0);
    expect(rig.clock.now()).toBeLessThan(Date.parse("2025-06-09T00:00:00Z"));
    rig.fake.advanceTo("2025-06-10T00:00:10Z");

    const error = await rig.daemon.run({ once: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LosingWeeksError);
    expect((error as LosingWeeksError).exitCode).toBe(2);
    expect(rig.daemon.stats().ticks).toBe(0);
    const stop = rig.db
      .query(
        "SELECT exit_reason, closed_at FROM positions WHERE mode = 'live' AND status = 'closed' AND coin = 'ETH'",
      )
      .get() as { exit_reason: string; closed_at: number };
    expect(stop.exit_reason).toBe("stop");
    expect(stop.closed_at).toBeLessThan(Date.parse("2025-06-09T00:00:00Z")); // booked in its own week
    await rig.daemon.close();

    rig.fake.advance(1_000); // a restart: the new signer's nonces come after the old one's
    const client = new HyperliquidClient(
      rig.config.hyperliquid,
      { privateKey: rig.acct.privateKey as `0x${string}`, accountAddress: rig.acct.address as `0x${string}` },
      { clock: rig.clock, rateClock: rig.clock, sleep: rig.sleep },
    );
    const forced = new Daemon({
      config: rig.config,
      db: rig.db,
      client,
      clock: rig.clock,
      sleep: rig.sleep,
      live: hyperliquidLivePath,
      force: true,
    });
    await forced.run({ once: true });
    expect(forced.stats().ticks).toBe(1);
    expect(forced.live).not.toBeNull();
    await forced.close();
  }, 120_000);
});

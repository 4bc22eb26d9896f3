// Live-path safety in the daemon against the local venue. Issue 14 #4: a tick whose ledger
// transaction rolls back sends nothing it queued. Issue 14 #7 / issue 16: the kill-switch flatten is
// retried every tick until no live position remains (the first flatten IOC here is refused).
// Issue 14 #5: a live path that cannot start leaves the shadow path ticking and retries beside it.
import { afterEach, describe, expect, test } from "bun:test";
import { shutdown, step } from "./support/harness.ts";
import { held, type LiveRig, liveRig, openLive, orderStatuses } from "./support/live-rig.ts";

let r: LiveRig | null = null;
afterEach(async () => {
  if (r) await shutdown(r);
  r = null;
});

/** Any loss at all trips the kill switch: opening a position (fee, spread) is enough. */
const KILL_ON_ANY_LOSS = { "engine.history_bars": 100, "risk.drawdown_floor": 0.000001 };

describe("live-path safety in the daemon", () => {
  test("#4 a rolled-back tick sends none of the orders it queued; the next committed tick does", async () => {
    r = liveRig({ time: "2025-06-02T00:00:10Z", overrides: KILL_ON_ANY_LOSS });
    await r.daemon.start();
    await step(r);
    await openLive(r, "ETH", 0.01);
    const sent = r.fake.stats().exchange.order?.count ?? 0;
    // The tick's ledger transaction fails at its end (the daemon's state write): everything rolls back.
    r.db.run(`CREATE TEMP TRIGGER fail_tick BEFORE INSERT ON bot_state
      BEGIN SELECT RAISE(ABORT, 'injected ledger failure'); END`);
    await step(r); // the kill switch trips inside this tick and queues a flatten
    expect(r.daemon.stats().errors.ledger).toBe(1);
    expect(r.fake.stats().exchange.order?.count ?? 0).toBe(sent);
    expect(held(r, "ETH")).not.toBe(0);
    expect(orderStatuses(r, "flatten")).toEqual([]);
    r.db.run("DROP TRIGGER fail_tick");
    await step(r); // committed: the kill switch trips again and its flatten goes out
    expect(orderStatuses(r, "flatten")).toEqual(["filled"]);
    expect(held(r, "ETH")).toBe(0);
  }, 60_000);

  test("#7 the kill-switch flatten is retried every tick until flat (the first IOC is refused)", async () => {
    r = liveRig({ time: "2025-06-02T00:00:10Z", overrides: KILL_ON_ANY_LOSS });
    await r.daemon.start();
    await step(r);
    const p = await openLive(r, "ETH", 0.01);
    r.fake.injectFault({
      kind: "reject",
      type: "order",
      times: 1,
      message: "Order could not immediately match against any resting orders.",
    });
    await step(r);
    expect(r.daemon.session!.engine.halts.kill).not.toBeNull();
    expect(orderStatuses(r, "flatten")).toEqual(["rejected"]);
    expect(held(r, "ETH")).not.toBe(0);
    expect(r.events.some((e) => e.kind === "kill_flatten_unfilled" && e.severity === "critical")).toBe(true);
    await step(r);
    expect(orderStatuses(r, "flatten")).toEqual(["rejected", "filled"]);
    expect(held(r, "ETH")).toBe(0);
    const row = r.db.query("SELECT status, exit_reason FROM positions WHERE id = ?1").get(p.id);
    expect(row).toEqual({ status: "closed", exit_reason: "kill" });
    // Flat: nothing more is sent while the kill switch stays set.
    const sent = r.fake.stats().exchange.order?.count ?? 0;
    await step(r);
    expect(r.fake.stats().exchange.order?.count ?? 0).toBe(sent);
  }, 60_000);

  test("#5 a live path that cannot start: shadow keeps ticking, the live path retries beside it and joins", async () => {
    r = liveRig({
      time: "2025-06-02T00:00:10Z",
      overrides: { "engine.history_bars": 100, "hyperliquid.schedule_cancel_seconds": 60 },
    });
    const limit = "Too many scheduled cancels today; limit is 10 per day.";
    r.fake.injectFault({ kind: "reject", type: "scheduleCancel", probability: 1, message: limit });
    const started = await Promise.race([
      r.daemon.start().then(() => true),
      Bun.sleep(15_000).then(() => false),
    ]);
    expect(started).toBe(true);
    for (let i = 0; i < 3; i++) await step(r);
    const s = r.daemon.stats();
    expect(s.ticks).toBe(3);
    expect(r.daemon.live).toBeNull();
    expect(s.live?.state).toBe("starting");
    expect(s.live?.lastError).toContain(limit);
    expect(r.events.some((e) => e.kind === "live_start_failed" && e.message.includes(limit))).toBe(true);
    r.fake.clearFaults();
    const end = performance.now() + 10_000;
    while (r.daemon.stats().live?.state !== "ready" && performance.now() < end) await Bun.sleep(20);
    await step(r);
    expect(r.daemon.live).not.toBeNull();
    expect(r.daemon.session!.engine.live).toBe(r.daemon.live!.path.book);
    expect(r.daemon.stats().ticks).toBe(4);
  }, 60_000);
});

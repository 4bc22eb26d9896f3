// The live path against the local fake Hyperliquid (real BTC prices replayed): entries fill and get an
// exchange stop, a stop that fires on the exchange is booked, an order whose outcome is unknown is
// resolved by cloid after a "restart" (never doubled), a missing stop is re-armed, an unknown position
// is adopted or flattened, and an orphan hlbot order is cancelled.
import { afterEach, describe, expect, test } from "bun:test";
import type { LivePath } from "../../src/live/live-path.ts";
import { candidate, orders, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

describe("live path on the fake Hyperliquid", () => {
  test("an IOC entry fills and a reduce-only stop trigger rests behind it", async () => {
    const { f, acct, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("BTC", f.mark("BTC")!, 0.01);
    const plan = live.book.plan(c, view());
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    expect(live.book.open).toHaveLength(1);
    const p = live.book.open[0]!;
    expect(f.account(acct.address)!.positions.get("BTC")!.szi).toBeCloseTo(p.size, 8);
    expect(orders(db)).toEqual([
      { role: "entry", status: "filled" },
      { role: "stop", status: "resting" },
    ]);
    // Sizing: 1% of 10 000 at the stop distance, rounded down to BTC's 5 decimals.
    expect(p.riskUsd).toBeLessThanOrEqual(100 * 1.01);
  });

  test("a stop that fires on the exchange is booked as a stop exit", async () => {
    const { f, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("BTC", f.mark("BTC")!, 0.002);
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    const p = live.book.open[0]!;
    for (let i = 0; i < 96 && live.book.open.length; i++) {
      f.advance(15 * 60_000);
      await live.beforeTick();
    }
    expect(p.status).toBe("closed");
    expect(p.exitReason).toBe("stop");
    const row = db.query("SELECT status, exit_reason FROM positions WHERE id = ?1").get(p.id);
    expect(row).toEqual({ status: "closed", exit_reason: "stop" });
  });

  test("an entry whose answer timed out is resolved by cloid after a restart — one position, one order", async () => {
    const { f, acct, db, start, view, decide } = await setup();
    const first = await start();
    const c = candidate("ETH", f.mark("ETH")!, 0.01);
    const plan = first.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    f.injectFault({ kind: "timeout", endpoint: "exchange", type: "order", times: 1 });
    first.book.enter(plan, decide(c), f.now());
    await first.afterTick();
    expect(first.book.open).toHaveLength(0);
    expect(orders(db)).toEqual([{ role: "entry", status: "unknown" }]);
    // Restart: a fresh live path over the same ledger reconciles before trading.
    const second = await start();
    expect(second.book.open).toHaveLength(1);
    expect(f.account(acct.address)!.positions.get("ETH")!.szi).toBeCloseTo(second.book.open[0]!.size, 8);
    expect(orders(db).map((o) => `${o.role}:${o.status}`)).toEqual(["entry:filled", "stop:resting"]);
    // Re-running the same decision cannot place a second order.
    second.book.enter(plan, 1, f.now());
    await second.afterTick();
    expect(f.account(acct.address)!.positions.get("ETH")!.szi).toBeCloseTo(second.book.open[0]!.size, 8);
  });

  test("a position without an exchange stop gets one re-armed by reconciliation", async () => {
    const { f, client, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("SOL", f.mark("SOL")!, 0.01, "short");
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    const stop = db.query("SELECT cloid FROM orders WHERE role = 'stop'").get() as { cloid: string };
    await (await client.exchange()).cancelByCloid([{ coin: "SOL", cloid: stop.cloid }]);
    const restarted = await start(live.book.open);
    const open = await client.info.frontendOpenOrders(client.accountAddress!);
    expect(open.filter((o) => o.coin === "SOL" && o.isTrigger && o.reduceOnly)).toHaveLength(1);
    expect(restarted.book.open).toHaveLength(1);
  });

  test("an unknown exchange position is adopted with a stop (policy adopt) or flattened (policy flatten)", async () => {
    for (const policy of ["adopt", "flatten"] as const) {
      const { f, acct, client, start } = await setup({ HLBOT_LIVE__UNKNOWN_POSITION_POLICY: policy });
      const mark = f.mark("ETH")!;
      const ex = await client.exchange();
      await ex.order([
        {
          coin: "ETH",
          isBuy: true,
          price: String(Math.round(mark * 1.01)),
          size: "0.5",
          type: { limit: { tif: "Ioc" } },
        },
      ]);
      const live: LivePath = await start();
      if (policy === "adopt") {
        expect(live.book.open).toHaveLength(1);
        expect(live.book.open[0]!.external).toBe(true);
        const open = await client.info.frontendOpenOrders(acct.address);
        expect(open.some((o) => o.coin === "ETH" && o.isTrigger && o.reduceOnly)).toBe(true);
      } else {
        expect(live.book.open).toHaveLength(0);
        expect(f.account(acct.address)!.positions.get("ETH")).toBeUndefined();
      }
      await stopFakes();
    }
  });
});

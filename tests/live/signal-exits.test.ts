// A CLOSE signal on the live path: the engine's signal-exit rule queues the position's exit on the
// Hyperliquid book, which goes out as a reduce-only IOC after the tick and is booked with reason
// `signal` at the exchange's price; a bar that closed before the entry never asks the rule.
import { afterEach, describe, expect, test } from "bun:test";
import type { ClosedBar, SignalSource } from "../../src/engine/ports.ts";
import { applySignalExits } from "../../src/engine/signal-exits.ts";
import { candidate, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

/** A signal source whose strategies all say CLOSE; records what it was asked. */
function closing(asked: string[]): SignalSource {
  return {
    onClosedBar() {},
    regime: () => "Neutral",
    scan: () => ({ shadow: [], live: [] }),
    closeSignal(bar, p) {
      asked.push(`${bar.coin}|${p.id}`);
      return true;
    },
  };
}

describe("CLOSE exits on the live path (fake Hyperliquid)", () => {
  test("a live position whose strategy emits CLOSE is closed by a reduce-only IOC with reason signal", async () => {
    const { f, acct, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("BTC", f.mark("BTC")!, 0.01);
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    const p = live.book.open[0]!;
    const asked: string[] = [];
    const bar = (t: number): ClosedBar => ({
      coin: "BTC",
      interval: "15m",
      candle: { t, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    });
    // A bar that closed at the entry: not after it, so the rule is not asked.
    const before = { ...view(), closedBars: [bar(p.openedAt - 15 * 60_000)] };
    expect(applySignalExits(closing(asked), live.book, before)).toBe(0);
    expect(asked).toEqual([]);
    f.advance(15 * 60_000);
    await live.beforeTick();
    const v = { ...view(), closedBars: [bar(p.openedAt)] };
    expect(applySignalExits(closing(asked), live.book, v)).toBe(1);
    expect(asked).toEqual([`BTC|${p.id}`]);
    await live.afterTick();
    expect(p.status).toBe("closed");
    expect(p.exitReason).toBe("signal");
    expect(f.account(acct.address)!.positions.get("BTC")).toBeUndefined();
    const exit = db
      .query("SELECT role, reason, reduce_only, order_type, status FROM orders WHERE role = 'exit'")
      .all();
    expect(exit).toEqual([
      { role: "exit", reason: "signal", reduce_only: 1, order_type: "ioc", status: "filled" },
    ]);
    const row = db.query("SELECT status, exit_reason FROM positions WHERE id = ?1").get(p.id);
    expect(row).toEqual({ status: "closed", exit_reason: "signal" });
  });
});

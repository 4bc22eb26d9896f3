// Live exits against the fake Hyperliquid: a partial take-profit that finds no fill neither moves the
// stop to breakeven nor blocks a retry (new cloid next tick); an exit whose answer was lost blocks any
// further exit of that position until it is resolved by cloid, then is booked with its own reason.
import { afterEach, describe, expect, test } from "bun:test";
import type { MarketView } from "../../src/engine/ports.ts";
import { candidate, orders, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

const withSegment = (
  v: MarketView,
  coin: string,
  seg: { open: number; high: number; low: number; close: number },
) => ({
  ...v,
  segments: new Map([[coin, { ...seg, end: v.now }]]),
});

describe("live exits", () => {
  test("an unfilled partial keeps the stop where it was and is retried under a new cloid", async () => {
    const { f, db, start, view, decide } = await setup();
    const live = await start();
    const mark = f.mark("ETH")!;
    const c = candidate("ETH", mark, 0.01);
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    const p = live.book.open[0]!;
    const stop0 = p.stopPx;
    const r = p.entryPx - p.initialStopPx;
    f.advance(60_000);
    // The segment reaches 1.5R: a partial is due. The exchange refuses it this time.
    const seg = { open: p.entryPx, high: p.entryPx + 1.6 * r, low: p.entryPx, close: p.entryPx + 0.2 * r };
    f.injectFault({
      kind: "reject",
      type: "order",
      times: 1,
      message: "Order could not immediately match against any resting orders.",
    });
    live.book.manage(withSegment(view(), "ETH", seg));
    await live.afterTick();
    expect(p.partialDone).toBe(false);
    expect(p.stopPx).toBe(stop0); // no breakeven without the partial
    // Next tick the partial is tried again, under its own cloid, and fills: now the stop moves.
    live.book.manage(withSegment(view(), "ETH", seg));
    await live.afterTick();
    expect(p.partialDone).toBe(true);
    expect(p.stopPx).toBe(p.entryPx);
    const partials = db
      .query("SELECT cloid, status FROM orders WHERE role = 'partial' ORDER BY id")
      .all() as { cloid: string; status: string }[];
    expect(partials.map((o) => o.status)).toEqual(["rejected", "filled"]);
    expect(new Set(partials.map((o) => o.cloid)).size).toBe(2);
  });

  test("an exit with a lost answer blocks a second exit until resolved, then books its own reason", async () => {
    const { f, acct, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("SOL", f.mark("SOL")!, 0.01, "short");
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    const p = live.book.open[0]!;
    f.injectFault({ kind: "timeout", endpoint: "exchange", type: "order", times: 1 });
    live.book.flatten(view(), "timeout");
    await live.afterTick(); // executed on the exchange, answer lost
    expect(p.status).toBe("open");
    live.book.flatten(view(), "timeout");
    await live.afterTick(); // refused locally: the first one is unresolved
    expect(orders(db).filter((o) => o.role === "exit")).toEqual([{ role: "exit", status: "unknown" }]);
    await live.beforeTick(); // resolves by cloid, books the close from the exchange's fills
    expect(p.status).toBe("closed");
    expect(p.exitReason).toBe("timeout");
    expect(f.account(acct.address)!.positions.get("SOL")).toBeUndefined();
  });
});

describe("funding from the exchange", () => {
  test("hourly funding payments of an open live position land in funding_payments", async () => {
    const { f, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("BTC", f.mark("BTC")!, 0.05);
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    for (let h = 0; h < 3; h++) {
      f.advance(3_600_000);
      await live.beforeTick();
    }
    const rows = db.query("SELECT coin, usdc, szi FROM funding_payments ORDER BY t").all() as {
      coin: string;
      usdc: string;
      szi: string;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.coin === "BTC" && Number(r.szi) === live.book.open[0]!.size)).toBe(true);
    // The position's funding is the exchange's sinceOpen total (paid > 0): the payments' negated sum.
    const paid = -rows.reduce((s, r) => s + Number(r.usdc), 0);
    expect(live.book.open[0]!.funding).toBeCloseTo(paid, 4);
  });
});

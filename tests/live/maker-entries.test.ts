// Maker entries on the live path against the local fake Hyperliquid (real BTC prices replayed): the
// entry goes out as a post-only ALO limit at mid ∓ offset, rests, and becomes a position with its
// exchange stop once the price trades through it (at the limit, maker fee); unfilled it is cancelled
// on the exchange at its expiry, or when the engine drops it (cancel-if-signal-gone); after a restart
// it is read back from the ledger, not cancelled as an orphan nor adopted as an unknown position.
import { afterEach, describe, expect, test } from "bun:test";
import { formatPrice } from "../../src/hyperliquid/format.ts";
import type { LiveEntryPlan } from "../../src/live/hyperliquid-book.ts";
import type { LivePath } from "../../src/live/live-path.ts";
import { candidate, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

const MAKER = (offsetBps: number) => ({
  HLBOT_ENTRIES__MAKER__ENABLED: "true",
  HLBOT_ENTRIES__MAKER__OFFSET_BPS: String(offsetBps),
  HLBOT_ENTRIES__MAKER__EXPIRY_BARS: "2",
});

type Rig = Awaited<ReturnType<typeof setup>>;

async function placeLong(r: Rig, live: LivePath, stopFrac = 0.01) {
  const c = candidate("BTC", r.f.mark("BTC")!, stopFrac);
  const plan = live.book.plan(c, r.view());
  if (!plan.ok) throw new Error(plan.reason);
  live.book.enter(plan, r.decide(c), r.f.now());
  await live.afterTick();
  return { c, plan };
}

const entryRows = (r: Rig) =>
  r.db.query("SELECT order_type, status, error FROM orders WHERE role = 'entry' ORDER BY id").all();
const openOrders = (r: Rig) => r.client.info.frontendOpenOrders(r.acct.address);

describe("maker entries on the fake Hyperliquid", () => {
  test("an ALO entry 5 bps under the mid rests, then fills when BTC trades through it: a position at the limit with a stop", async () => {
    const r = await setup(MAKER(5));
    const live = await r.start();
    const mid = r.f.mark("BTC")!;
    const { plan } = await placeLong(r, live);
    if (!plan.ok) return;
    expect(plan.limitPxWire).toBe(formatPrice(mid * (1 - 5 / 10_000), 5, "floor"));
    expect(live.book.resting).toHaveLength(1);
    expect(live.book.open).toHaveLength(0);
    expect(entryRows(r)).toEqual([{ order_type: "alo", status: "resting", error: null }]);
    const resting = await openOrders(r);
    expect(resting.map((o) => [o.coin, o.side, Number(o.limitPx), o.tif])).toEqual([
      ["BTC", "B", Number(plan.limitPxWire), "Alo"],
    ]);
    for (let i = 0; i < 30 && live.book.open.length === 0; i++) {
      r.f.advance(60_000);
      await live.beforeTick();
    }
    expect(live.book.open).toHaveLength(1);
    const p = live.book.open[0]!;
    expect(p.entryPx).toBeCloseTo(Number(plan.limitPxWire), 6); // the fills' size-weighted price
    expect(p.initialSize).toBe(Number(plan.sizeWire));
    expect(p.fees).toBeCloseTo(p.entryPx * p.size * 0.00015, 6); // the fake's maker fee
    expect(live.book.resting).toHaveLength(0);
    expect(entryRows(r)).toEqual([{ order_type: "alo", status: "filled", error: null }]);
    const after = await openOrders(r);
    expect(after.map((o) => [o.isTrigger, o.reduceOnly])).toEqual([[true, true]]); // the stop
  });

  test("unfilled, it is cancelled on the exchange at its expiry (2 × 15m)", async () => {
    const r = await setup(MAKER(300));
    const live = await r.start();
    const placedAt = r.f.now();
    await placeLong(r, live, 0.05);
    r.f.advance(29 * 60_000);
    await live.beforeTick();
    expect(live.book.resting).toHaveLength(1);
    expect(await openOrders(r)).toHaveLength(1);
    r.f.advanceTo(placedAt + 30 * 60_000);
    await live.beforeTick();
    expect(live.book.resting).toHaveLength(0);
    expect(await openOrders(r)).toHaveLength(0);
    expect(entryRows(r)).toEqual([{ order_type: "alo", status: "canceled", error: "expired" }]);
    expect(live.book.open).toHaveLength(0);
  });

  test("the engine's cancel-if-signal-gone cancels it on the exchange before the next tick", async () => {
    const r = await setup(MAKER(300));
    const live = await r.start();
    const { c } = await placeLong(r, live, 0.05);
    expect(live.book.restingEntries.map((x) => x.setupKey)).toEqual([c.setupKey]);
    live.book.cancelEntries(() => true);
    expect(live.book.restingEntries).toHaveLength(0);
    r.f.advance(60_000);
    await live.beforeTick();
    expect(await openOrders(r)).toHaveLength(0);
    expect(entryRows(r)).toEqual([{ order_type: "alo", status: "canceled", error: "signal_gone" }]);
  });

  test("a post-only order that would cross is rejected by the exchange: no resting entry, no position", async () => {
    const r = await setup({ ...MAKER(0), HLBOT_ENTRIES__MAKER__OFFSET_BPS: "0" });
    const live = await r.start();
    const c = { ...candidate("BTC", r.f.mark("BTC")!, 0.01) };
    const plan = live.book.plan(c, r.view());
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.maker).toBeDefined();
    // A buy limit 1% above the mid would take the ask: ALO refuses it.
    const crossing: LiveEntryPlan = {
      ...plan,
      limitPxWire: formatPrice(r.f.mark("BTC")! * 1.01, 5, "floor"),
    };
    live.book.enter(crossing, r.decide(c), r.f.now());
    await live.afterTick();
    expect(live.book.resting).toHaveLength(0);
    expect(live.book.open).toHaveLength(0);
    expect((entryRows(r) as { status: string }[]).map((o) => o.status)).toEqual(["rejected"]);
  });

  test("after a restart the resting entry is read back from the ledger and still expires on time", async () => {
    const r = await setup(MAKER(300));
    const first = await r.start();
    const placedAt = r.f.now();
    await placeLong(r, first, 0.05);
    r.f.advance(10 * 60_000);
    const second = await r.start(); // a new daemon: reconciliation runs, nothing in memory
    expect(second.book.resting).toHaveLength(1);
    expect(await openOrders(r)).toHaveLength(1); // not cancelled as an orphan
    r.f.advanceTo(placedAt + 30 * 60_000);
    await second.beforeTick();
    expect(await openOrders(r)).toHaveLength(0);
    expect(entryRows(r)).toEqual([{ order_type: "alo", status: "canceled", error: "expired" }]);
  });
});

// Issue 14 #3: sizes are exact decimals. An IOC entry of 3.3 LINK that filled 2.2 (1.1 left) and
// whose answer was lost is resolved after a restart as 3.3 − 1.1 = 2.2 exactly — in floating point
// it is 2.1999999999999997 and the stop was sized 2.1 while 2.2 was held. And account sync re-arms
// the stop whenever the exchange holds MORE than the stop covers.
import { afterEach, describe, expect, test } from "bun:test";
import { formatPrice } from "../../src/hyperliquid/format.ts";
import type { LiveEntryPlan } from "../../src/live/hyperliquid-book.ts";
import { candidate, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

const stopSizes = (db: ReturnType<typeof Object>) =>
  (
    db.query("SELECT size, status FROM orders WHERE role = 'stop' ORDER BY id").all() as {
      size: string;
      status: string;
    }[]
  ).map((r) => `${r.size}:${r.status}`);

describe("issue 14 #3: partial fills in exact decimals", () => {
  test("#3 a partial fill resolved after a restart is 3.3 − 1.1 = 2.2, and the stop covers all 2.2", async () => {
    const { f, acct, client, db, start, decide } = await setup();
    const first = await start();
    const mark = f.mark("LINK")!;
    const c = candidate("LINK", mark, 0.02);
    const plan: LiveEntryPlan = {
      ok: true,
      candidate: c,
      size: 3.3,
      px: mark,
      sizeMultiplier: 1,
      sizeWire: "3.3",
      limitPxWire: formatPrice(mark * 1.003, 1, "floor"),
    };
    // The IOC takes two thirds of its size (2.2), the rest is cancelled; the answer never arrives.
    f.injectFault({ kind: "partialFill", type: "order", times: 1, fillFraction: 2 / 3 });
    f.injectFault({ kind: "timeout", endpoint: "exchange", type: "order", times: 1 });
    first.book.enter(plan, decide(c), f.now());
    await first.afterTick();
    expect(first.book.open).toHaveLength(0);
    expect(f.account(acct.address)!.positions.get("LINK")!.szi).toBe(2.2);

    const second = await start();
    expect(second.book.open).toHaveLength(1);
    expect(second.book.open[0]!.size).toBe(2.2);
    const row = db.query("SELECT filled_size FROM orders WHERE role = 'entry'").get() as {
      filled_size: string;
    };
    expect(row.filled_size).toBe("2.2");
    expect(stopSizes(db)).toEqual(["2.2:resting"]);
    const open = await client.info.frontendOpenOrders(acct.address);
    expect(open.filter((o) => o.coin === "LINK" && o.isTrigger).map((o) => o.sz)).toEqual(["2.2"]);
  }, 30_000);

  test("#3 account sync re-arms the stop when the exchange holds more than the stop covers", async () => {
    const { f, acct, client, db, start, view, decide } = await setup();
    const live = await start();
    const c = candidate("LINK", f.mark("LINK")!, 0.02);
    const plan = live.book.plan(c, view());
    if (!plan.ok) throw new Error(plan.reason);
    live.book.enter(plan, decide(c), f.now());
    await live.afterTick();
    const p = live.book.open[0]!;
    expect(stopSizes(db)).toEqual([`${p.size}:resting`]);
    // Someone adds 1.1 LINK to the position by hand: the exchange now holds more than is protected.
    const ex = await client.exchange();
    await ex.order([
      {
        coin: "LINK",
        isBuy: true,
        price: formatPrice(f.mark("LINK")! * 1.01, 1, "floor"),
        size: "1.1",
        type: { limit: { tif: "Ioc" } },
      },
    ]);
    const held = f.account(acct.address)!.positions.get("LINK")!.szi;
    await live.beforeTick();
    const open = await client.info.frontendOpenOrders(acct.address);
    const triggers = open.filter((o) => o.coin === "LINK" && o.isTrigger && o.reduceOnly);
    expect(triggers.map((o) => Number(o.sz))).toEqual([held]);
    expect(stopSizes(db).at(-1)).toBe(`${held}:resting`);
    // Once protected, the next sync leaves it alone.
    const orders = f.stats().exchange.order?.count ?? 0;
    await live.beforeTick();
    expect(f.stats().exchange.order?.count ?? 0).toBe(orders);
  }, 30_000);
});

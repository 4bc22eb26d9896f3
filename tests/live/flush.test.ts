// Issue 14 #4 (second half): one intent that fails to send never drops the rest of the queue. A stop
// move that throws before reaching the venue is reported (LiveFlushError, an order_failed event) and
// the entry queued after it is still sent; the failed move is queued again by the next tick's rules.
import { afterEach, describe, expect, test } from "bun:test";
import { LiveFlushError } from "../../src/live/executor.ts";
import { candidate, orders, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

describe("issue 14 #4: one failed send", () => {
  test("#4 an intent that throws does not drop the ones after it", async () => {
    const { f, db, start, view, decide, events } = await setup();
    const live = await start();
    const eth = candidate("ETH", f.mark("ETH")!, 0.01);
    const first = live.book.plan(eth, view());
    if (!first.ok) throw new Error(first.reason);
    live.book.enter(first, decide(eth), f.now());
    await live.afterTick();
    const p = live.book.open[0]!;
    const sol = candidate("SOL", f.mark("SOL")!, 0.01);
    const second = live.book.plan(sol, view());
    if (!second.ok) throw new Error(second.reason);
    // A stop move whose price cannot be put on the wire throws; the SOL entry comes after it.
    live.book.queue.push({ kind: "stop", position: p, stopPx: Number.NaN });
    live.book.enter(second, decide(sol), f.now());
    const error = await live.afterTick().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LiveFlushError);
    expect(live.book.open.map((q) => q.coin)).toEqual(["ETH", "SOL"]);
    expect(orders(db).map((o) => `${o.role}:${o.status}`)).toEqual([
      "entry:filled",
      "stop:resting",
      "entry:filled",
      "stop:resting",
    ]);
    expect(events.some((e) => e.kind === "order_failed" && e.positionId === p.id)).toBe(true);
    expect(live.book.queue).toEqual([]);
  });
});

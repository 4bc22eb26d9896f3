// Issue 16, live-path safety: leverage is set per coin at start-up, before any entry — isolated, at
// min(risk.max_leverage, the coin's maximum). A coin whose leverage the exchange refused blocks
// entries on that coin (decision reason leverage_not_set) with a critical event, instead of the entry
// being sent anyway; the periodic reconciliation retries it and entries resume.
import { afterEach, describe, expect, test } from "bun:test";
import { LEVERAGE_NOT_SET } from "../../src/live/leverage.ts";
import { candidate, setup, stopFakes } from "./support.ts";

afterEach(stopFakes);

describe("leverage per coin", () => {
  test("start-up sets every traded coin's leverage, isolated, capped by the coin's maximum", async () => {
    const { f, acct, config, start } = await setup({ HLBOT_RISK__MAX_LEVERAGE: "15" });
    await start();
    const lev = f.account(acct.address)!.leverage;
    for (const coin of config.engine.coins) expect([coin, lev.get(coin)?.type]).toEqual([coin, "isolated"]);
    expect(lev.get("BTC")).toEqual({ type: "isolated", value: 15 }); // BTC allows 40x
    expect(lev.get("AVAX")).toEqual({ type: "isolated", value: 10 }); // AVAX allows 10x
  });

  test("a refused leverage blocks entries on that coin (loudly) until a retry succeeds", async () => {
    const { f, config, start, view, decide, events } = await setup();
    // The first updateLeverage of the start-up (the basket's first coin, BTC) is refused.
    f.injectFault({ kind: "reject", type: "updateLeverage", times: 1, message: "Exchange is busy." });
    const live = await start();
    const btc = candidate("BTC", f.mark("BTC")!, 0.01);
    expect(live.book.plan(btc, view())).toEqual({ ok: false, reason: LEVERAGE_NOT_SET });
    const failed = events.filter((e) => e.kind === "leverage_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ coin: "BTC", severity: "critical" });
    expect(failed[0]!.message).toContain("Exchange is busy.");
    // Other coins trade.
    const eth = candidate("ETH", f.mark("ETH")!, 0.01);
    const plan = live.book.plan(eth, view());
    expect(plan.ok).toBe(true);
    if (plan.ok) live.book.enter(plan, decide(eth), f.now());
    await live.afterTick();
    expect(live.book.open.map((p) => p.coin)).toEqual(["ETH"]);
    // The next periodic reconciliation sets it; BTC entries are allowed again.
    f.advance(config.live.reconcile_seconds * 1000);
    await live.beforeTick();
    expect(live.book.plan(btc, view()).ok).toBe(true);
    expect(events.some((e) => e.kind === "leverage_set" && e.coin === "BTC")).toBe(true);
  });
});

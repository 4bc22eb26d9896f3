import { describe, expect, test } from "bun:test";
import type { Candidate } from "../../src/core/signal.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { Book, type BookSettings } from "../../src/engine/book.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import type { MarketView } from "../../src/engine/ports.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { SimVenue } from "../../src/sim/sim-venue.ts";

const settings = (mode: "shadow" | "live", compounding: boolean): BookSettings => ({
  mode,
  runId: 0,
  riskFraction: 0.01,
  maxLeverage: 5,
  maxNotionalUsd: 1e9,
  partialFraction: 0.5,
  partialAtR: 1.5,
  breakevenAfterPartial: true,
  trailFromR: 2,
  trailDistanceR: 1,
  timeoutMs: 1e12,
  compounding,
});
const model = resolveModel(
  getModel("v4"),
  { taker_fee_bps: 4.5, slippage_bps: 5 },
  { partial_fraction: 0.5, partial_at_r: 1.5, trail_from_r: 2, trail_distance_r: 1 },
);
const view: MarketView = { now: 1, closedBars: [], segments: new Map(), funding: [], price: () => 100 };
const c = {
  coin: "ETH",
  side: "long",
  stop: 98,
  target: 110,
  entryRef: 100,
  strategy: "s",
  timeframe: "1h",
  candleT: 0,
  decidedAt: 1,
  scoreRaw: 70,
  score: 70,
  regime: "Neutral",
  session: "S",
  volBucket: "mid",
  setupKey: "k",
  features: {},
} as Candidate;

function book(mode: "shadow" | "live", compounding: boolean) {
  const b = new Book(
    settings(mode, compounding),
    new SimVenue(model),
    new EquityTracker(mode, 10_000),
    new MemoryJournal(),
  );
  b.mark(view);
  return b;
}

describe("Book sizing", () => {
  test("shadow sizes on the starting equity: losses do not shrink later trades (unbiased sample)", () => {
    const b = book("shadow", false);
    const before = b.plan(c, view);
    b.account.realize(-6_000);
    b.mark(view);
    const after = b.plan(c, view);
    expect(before.ok && after.ok && after.size === before.size).toBe(true);
  });

  test("the live path compounds: sizes follow equity", () => {
    const b = book("live", true);
    const before = b.plan(c, view);
    b.account.realize(-5_000);
    b.mark(view);
    const after = b.plan(c, view);
    if (!before.ok || !after.ok) throw new Error("expected plans");
    expect(after.size).toBeCloseTo(before.size / 2, 3);
  });

  test("the live path is capped by free margin", () => {
    const b = book("live", true);
    const tight = { ...c, stop: 99.9, target: 101 } as Candidate; // 1% risk over 0.1 → 1000 ETH = 100k notional
    const plan = b.plan(tight, view);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.size * 100).toBeLessThanOrEqual(10_000 * 5 * 0.9 + 1e-6);
  });
});

describe("Book funding", () => {
  test("an event charges exactly the open positions of its coin opened before the hour", () => {
    const b = book("shadow", false);
    const at = (coin: string, now: number) => {
      const v = { ...view, now };
      const plan = b.plan({ ...c, coin, setupKey: `${coin}${now}` } as Candidate, v);
      if (!plan.ok) throw new Error(plan.reason);
      return b.enter(plan, null, now)!;
    };
    const stopped = at("ETH", 10);
    b.manage({
      ...view,
      now: 100,
      segments: new Map([["ETH", { open: 97, high: 97, low: 96, close: 96, end: 100 }]]),
    });
    expect(stopped.status).toBe("closed");
    const btc = at("BTC", 20);
    const eth1 = at("ETH", 200);
    const eth2 = at("ETH", 300);
    const late = at("ETH", 5_000); // opened after the funding hour
    const hour = 1_000;
    const before = b.account.snapshotState();
    b.chargeFunding(
      [
        { coin: "ETH", t: hour, rate: 0.0001, eventT: hour + 80 },
        { coin: "BTC", t: hour, rate: 0.0002, eventT: hour + 80 },
        { coin: "SOL", t: hour, rate: 0.0003, eventT: hour + 80 },
      ],
      { ...view, now: hour },
    );
    for (const p of [stopped, late]) expect(p.funding).toBe(0);
    // Longs pay positive funding on their notional at the current price (100).
    for (const [p, rate] of [
      [eth1, 0.0001],
      [eth2, 0.0001],
      [btc, 0.0002],
    ] as const)
      expect(p.funding).toBeCloseTo(p.size * 100 * rate, 10);
    const paid = eth1.funding + eth2.funding + btc.funding;
    expect(b.account.snapshotState().realized).toBeCloseTo(before.realized - paid, 9);
  });
});

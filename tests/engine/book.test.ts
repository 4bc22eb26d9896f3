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

import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import { WeightLimiter } from "../../src/hyperliquid/rate-limit.ts";
import {
  type KeyValueStore,
  StoredWeightJournal,
  WEIGHT_JOURNAL_KEY,
} from "../../src/hyperliquid/weight-journal.ts";
import { configureLogger } from "../../src/log.ts";

/** bot_state in memory, stored as JSON text like the ledger does. */
function memoryStore(): KeyValueStore & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return {
    raw,
    get: <T>(key: string) => (raw.has(key) ? (JSON.parse(raw.get(key)!) as T) : undefined),
    set: (key, value) => void raw.set(key, JSON.stringify(value)),
  };
}

/** Captures the JSON log lines written while `fn` runs. */
async function logged(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  configureLogger({ format: "json", level: "info", write: (line) => lines.push(line) });
  try {
    await fn();
  } finally {
    configureLogger({ level: "error" });
  }
  return lines.map((l) => JSON.parse(l).msg as string);
}

/** A limiter on a manual clock whose sleep just moves the clock (and records the wait). */
function setup(budgetFraction = 0.5) {
  const clock = new ManualClock(1_000_000);
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  return { clock, sleeps, limiter: new WeightLimiter({ budgetFraction, clock, sleep }) };
}

/** Largest weight admitted in any rolling 60 s window (a window's max is reached at an admission). */
function maxWindowWeight(admitted: { at: number; weight: number }[]): number {
  let max = 0;
  for (const end of admitted) {
    let sum = 0;
    for (const a of admitted) if (a.at > end.at - 60_000 && a.at <= end.at) sum += a.weight;
    max = Math.max(max, sum);
  }
  return max;
}

describe("WeightLimiter", () => {
  test("capacity is 1200 × budget fraction per minute", () => {
    expect(setup(0.8).limiter.capacity).toBe(960);
    expect(setup(0.5).limiter.capacity).toBe(600);
  });

  test("a burst then steady demand never exceeds the budget in any rolling 60 s, at full throughput", async () => {
    const { limiter, clock } = setup(0.8);
    const t0 = clock.now();
    const admitted: { at: number; weight: number }[] = [];
    const demand = async (weight: number) => {
      await limiter.acquire(weight);
      admitted.push({ at: clock.now(), weight });
    };
    for (let i = 0; i < 48; i++) await demand(20); // the whole budget at once
    for (let i = 0; i < 150; i++) {
      clock.advance(250); // then a caller every 250 ms, more than the budget can serve
      await demand(i % 10 === 9 ? 2 : 20);
    }
    expect(maxWindowWeight(admitted)).toBeLessThanOrEqual(960);
    // 48 + 150 requests of ~20 at 960 per minute: the last goes out in the 4th minute after the burst.
    const last = admitted.at(-1)?.at ?? 0;
    expect(last - t0).toBeGreaterThan(3 * 60_000);
    expect(last - t0).toBeLessThanOrEqual(4 * 60_000);
    expect(limiter.stats().weightLastMinute).toBeLessThanOrEqual(960);
  });

  test("steady demand under the budget never waits", async () => {
    const { limiter, clock, sleeps } = setup(0.8);
    for (let i = 0; i < 300; i++) {
      await limiter.acquire(20);
      clock.advance(1_500); // 800 weight per minute
    }
    expect(sleeps).toEqual([]);
  });

  test("a full window serves 600 weight at once; the next waits until the first spend is 60 s old", async () => {
    const { limiter, sleeps, clock } = setup();
    for (let i = 0; i < 30; i++) {
      await limiter.acquire(20);
      clock.advance(100);
    }
    expect(sleeps, "30 × 20 fits the 600 budget").toEqual([]);
    await limiter.acquire(20);
    expect(sleeps, "the 31st waits for the first spend to leave the window").toEqual([57_000]);
    await limiter.acquire(20);
    expect(sleeps.at(-1), "the 32nd for the second").toBe(100);
    expect(limiter.stats()).toMatchObject({
      requests: 32,
      waits: 2,
      waitedMs: 57_100,
      weightLastMinute: 600,
      tokens: 0,
    });
  });

  test("extra weight charged after a response delays the next caller", async () => {
    const { limiter, sleeps, clock } = setup();
    await limiter.acquire(20);
    clock.advance(10_000);
    limiter.charge(83 + 497); // e.g. a 5000-candle page plus more
    expect(limiter.stats().tokens).toBe(0);
    await limiter.acquire(20);
    expect(sleeps, "the first 20 leave the window 60 s after they were spent").toEqual([50_000]);
  });

  test("a 429 backoff pauses everyone", async () => {
    const { limiter, sleeps, clock } = setup();
    const start = clock.now();
    limiter.backoff(5000);
    await limiter.acquire(2);
    expect(clock.now() - start).toBeGreaterThanOrEqual(5000);
    expect(sleeps[0]).toBe(5000);
    expect(limiter.stats().rateLimited429).toBe(1);
  });

  test("a request heavier than the budget waits for an empty window, then overdraws", async () => {
    const { limiter, sleeps } = setup();
    await limiter.acquire(300);
    await limiter.acquire(700);
    expect(sleeps).toEqual([60_000]);
    expect(limiter.stats().tokens).toBe(-100);
  });

  test("concurrent callers are served in arrival order", async () => {
    const { limiter } = setup();
    await limiter.acquire(600);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.acquire(20).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  test("weight used per minute forgets requests older than 60 s", async () => {
    const { limiter, clock } = setup();
    await limiter.acquire(20);
    clock.advance(30_000);
    await limiter.acquire(2);
    expect(limiter.stats().weightLastMinute).toBe(22);
    clock.advance(30_001);
    expect(limiter.stats().weightLastMinute).toBe(2);
  });

  test("issue 12 §2: a restarted process starts from the window its predecessor left (no burst)", async () => {
    const store = memoryStore();
    const first = setup(0.8);
    first.limiter.attachJournal(new StoredWeightJournal(store, "first"));
    for (let i = 0; i < 45; i++) await first.limiter.acquire(20); // 900 of 960, spent at t0
    first.limiter.charge(40); // post-hoc item weight counts too
    expect(store.raw.has(WEIGHT_JOURNAL_KEY)).toBe(true);

    // Killed; a new process on the same ledger 1 s later (its own clock, the same wall time).
    const second = setup(0.8);
    second.clock.set(first.clock.now() + 1_000);
    second.limiter.attachJournal(new StoredWeightJournal(store, "second"));
    expect(second.limiter.stats().weightLastMinute).toBe(940);
    const lines = await logged(() => second.limiter.acquire(60));
    // Room once t0's spends leave the window, 60 s after t0: 59 s after the restart.
    expect(second.sleeps).toEqual([59_000]);
    expect(lines).toEqual(["waiting 59 s for rate budget (940/960 weight spent in the last 60 s)"]);
    expect(second.limiter.stats().weightLastMinute).toBe(60);
  });

  test("issue 12 §2: a 429 pause survives the restart too; spends older than 60 s are forgotten", () => {
    const store = memoryStore();
    const first = setup(0.8);
    first.limiter.attachJournal(new StoredWeightJournal(store, "first"));
    first.limiter.backoff(30_000);
    const later = setup(0.8);
    later.clock.set(first.clock.now() + 10_000);
    later.limiter.attachJournal(new StoredWeightJournal(store, "later"));
    expect(later.limiter.msUntilRoom(2)).toBe(20_000);
    const much = setup(0.8);
    much.clock.set(first.clock.now() + 120_000);
    much.limiter.attachJournal(new StoredWeightJournal(store, "much-later"));
    expect(much.limiter.msUntilRoom(960)).toBe(0);
  });

  test("issue 12 §2: the journal keeps every writer's spends (daemon and backfill on one ledger)", async () => {
    const store = memoryStore();
    const daemon = setup(0.8);
    daemon.limiter.attachJournal(new StoredWeightJournal(store, "daemon"));
    await daemon.limiter.acquire(300);
    const backfill = setup(0.8);
    backfill.limiter.attachJournal(new StoredWeightJournal(store, "backfill"));
    await backfill.limiter.acquire(200); // sees 300 + 200
    await daemon.limiter.acquire(20); // the daemon's save keeps the backfill's spends
    const restarted = setup(0.8);
    restarted.limiter.attachJournal(new StoredWeightJournal(store, "restarted"));
    expect(restarted.limiter.stats().weightLastMinute).toBe(520);
    store.raw.set(WEIGHT_JOURNAL_KEY, '{"writers": 7}'); // unreadable: a fresh window, not a crash
    const fresh = setup(0.8);
    fresh.limiter.attachJournal(new StoredWeightJournal(store, "fresh"));
    expect(fresh.limiter.stats().weightLastMinute).toBe(0);
  });

  test("issue 12 §2: waiting for room is logged once per wait, not per queued caller", async () => {
    const { limiter } = setup(0.5);
    await limiter.acquire(600);
    const lines = await logged(async () => {
      await Promise.all([limiter.acquire(20), limiter.acquire(20), limiter.waitForRoom(20)]);
    });
    expect(lines).toEqual(["waiting 60 s for rate budget (600/600 weight spent in the last 60 s)"]);
  });
});

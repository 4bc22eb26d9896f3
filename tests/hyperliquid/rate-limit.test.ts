import { describe, expect, test } from "bun:test";
import { ManualClock } from "../../src/core/clock.ts";
import { WeightLimiter } from "../../src/hyperliquid/rate-limit.ts";

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

describe("WeightLimiter", () => {
  test("capacity is 1200 × budget fraction per minute", () => {
    expect(setup(0.8).limiter.capacity).toBe(960);
    expect(setup(0.5).limiter.capacity).toBe(600);
  });

  test("a full bucket serves 600 weight at once, then refills at 10 weight/s", async () => {
    const { limiter, sleeps } = setup();
    for (let i = 0; i < 30; i++) await limiter.acquire(20);
    expect(sleeps, "30 × 20 fits the 600 budget").toEqual([]);
    await limiter.acquire(20);
    expect(sleeps, "the 31st waits for 20 weight at 600/min").toEqual([2000]);
    await limiter.acquire(2);
    expect(sleeps.at(-1)).toBe(200);
    expect(limiter.stats()).toMatchObject({ requests: 32, waits: 2, waitedMs: 2200, weightLastMinute: 622 });
  });

  test("extra weight charged after a response delays the next caller", async () => {
    const { limiter, sleeps } = setup();
    await limiter.acquire(20);
    limiter.charge(83 + 497); // e.g. a 5000-candle page plus more
    expect(limiter.stats().tokens).toBe(0);
    await limiter.acquire(20);
    expect(sleeps).toEqual([2000]);
  });

  test("a 429 backoff pauses everyone and empties the bucket", async () => {
    const { limiter, sleeps, clock } = setup();
    const start = clock.now();
    limiter.backoff(5000);
    await limiter.acquire(2);
    expect(clock.now() - start).toBeGreaterThanOrEqual(5000);
    expect(sleeps[0]).toBe(5000);
    expect(limiter.stats().rateLimited429).toBe(1);
  });

  test("a request heavier than the budget waits for a full bucket, then overdraws", async () => {
    const { limiter, sleeps } = setup();
    await limiter.acquire(300);
    await limiter.acquire(700);
    expect(sleeps).toEqual([30_000]);
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
});

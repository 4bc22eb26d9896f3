// The adapter's weight limiter against the fake's rolling 1200-per-60 s window, on accelerated time:
// a burst heavier than one minute's budget, sent with no pacing beyond the limiter, meets no 429 —
// also when exchange time is the fake's replay clock, which stands still meanwhile.
import { afterEach, describe, expect, test } from "bun:test";
import { acceleratedTime, fakeClient } from "../../support/fake-hl/client.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../../support/fake-hl/index.ts";
import { REPLAY_START } from "./harness.ts";

/** Budget time runs this many times faster than the wall (a 60 s window lasts 1 s). */
const SPEEDUP = 60;

let fake: FakeHyperliquid | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

function start() {
  const time = acceleratedTime(SPEEDUP);
  const f = startFakeHyperliquid({ time: REPLAY_START, rateClock: time.now });
  fake = f;
  return { time, fake: f };
}

describe("weight budget against the fake", () => {
  test("75 back-to-back weight-20 queries (1500 > 1200) go out with no 429, in two windows", async () => {
    const { time, fake } = start();
    const client = fakeClient(fake, { time });
    const t0 = time.now();
    for (let i = 0; i < 75; i++) await client.info.meta();
    expect(fake.stats().rateLimited).toBe(0);
    expect(client.limiter.stats().rateLimited429).toBe(0);
    // 48 fit the first window (960 = 1200 × 0.8); the rest wait for them to leave it.
    expect(time.now() - t0).toBeGreaterThanOrEqual(60_000);
  });

  test("exchange time on the fake's replay clock (standing still) does not stall the limiter", async () => {
    const { time, fake } = start();
    const replayNow = fake.now();
    const client = fakeClient(fake, { time, clock: { now: () => fake.now() } });
    for (let i = 0; i < 50; i++) await client.info.meta(); // the 49th waits for the window
    expect(fake.now()).toBe(replayNow);
    expect(client.limiter.stats()).toMatchObject({ requests: 50, rateLimited429: 0 });
  });
});

// The adapter's weight limiter against the fake's rolling 1200-per-60 s window, on accelerated time:
// a burst heavier than one minute's budget, sent with no pacing beyond the limiter, meets no 429.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { HyperliquidClient } from "../../../src/hyperliquid/client.ts";
import { acceleratedTime, fakeClient } from "../../support/fake-hl/client.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../../support/fake-hl/index.ts";
import { REPLAY_START } from "./harness.ts";

/** Budget time runs this many times faster than the wall (a 60 s window lasts 1 s). */
const SPEEDUP = 60;

let fake: FakeHyperliquid;
let client: HyperliquidClient;
let time: ReturnType<typeof acceleratedTime>;
beforeAll(() => {
  time = acceleratedTime(SPEEDUP);
  fake = startFakeHyperliquid({ time: REPLAY_START, rateClock: time.now });
  client = fakeClient(fake, { time });
});
afterAll(() => fake.stop());

describe("weight budget against the fake", () => {
  test("75 back-to-back weight-20 queries (1500 > 1200) go out with no 429, in two windows", async () => {
    const t0 = time.now();
    for (let i = 0; i < 75; i++) await client.info.meta();
    expect(fake.stats().rateLimited).toBe(0);
    expect(client.limiter.stats().rateLimited429).toBe(0);
    // 48 fit the first window (960 = 1200 × 0.8); the rest wait for them to leave it.
    expect(time.now() - t0).toBeGreaterThanOrEqual(60_000);
  });
});

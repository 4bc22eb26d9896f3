/**
 * hlbot's real adapter (HyperliquidClient) pointed at a running fake, optionally on accelerated
 * time: with `speedup` N the limiter's clock runs N× faster and its sleeps are N× shorter, and
 * `startFakeHyperliquid({ rateClock: time.now })` makes the fake's 1200-per-minute window run on the
 * same accelerated time — so budget behaviour of a long run is tested in a fraction of the wall time.
 */
import type { LiveSecrets } from "../../../src/config/secrets.ts";
import { VenueSection } from "../../../src/config/sections/venue.ts";
import type { Clock } from "../../../src/core/clock.ts";
import { HyperliquidClient } from "../../../src/hyperliquid/client.ts";
import type { Sleep } from "../../../src/hyperliquid/rate-limit.ts";

export interface AcceleratedTime {
  /** Accelerated wall time, ms (pass as the fake's `rateClock`). */
  now: () => number;
  clock: Clock;
  sleep: Sleep;
}

export function acceleratedTime(speedup = 1): AcceleratedTime {
  const t0 = performance.now();
  const w0 = Date.now();
  const now = () => Math.floor(w0 + (performance.now() - t0) * speedup);
  return { now, clock: { now }, sleep: (ms) => Bun.sleep(Math.max(0, ms / speedup)) };
}

export interface FakeClientOptions {
  secrets?: LiveSecrets;
  time?: AcceleratedTime;
  /** HTTP timeout, ms of real time (default 2 000 so timeout faults resolve quickly). */
  requestTimeoutMs?: number;
  /** Clock for nonces and expiresAfter (default: the accelerated/wall clock); the limiter stays on `time`. */
  clock?: Clock;
}

export function fakeClient(
  fake: { url: string; wsUrl: string },
  options: FakeClientOptions = {},
): HyperliquidClient {
  const venue = VenueSection.parse({
    network: "custom",
    http_url: fake.url,
    ws_url: fake.wsUrl,
    request_timeout_ms: options.requestTimeoutMs ?? 2_000,
  });
  const time = options.time ?? acceleratedTime(1);
  return new HyperliquidClient(venue, options.secrets, {
    clock: options.clock ?? time.clock,
    rateClock: time.clock,
    sleep: time.sleep,
  });
}

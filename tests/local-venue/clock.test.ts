// The venue on an outside clock (`hlbot demo`, `hlbot exchange`): the accelerated replay clock, the
// follower that keeps the venue on it (before every request, and on a timer), and the time shift that
// replays a day of the sample as today. Wall time is injected: nothing here waits on a real timer.
import { afterEach, describe, expect, test } from "bun:test";
import { DAY_MS, HOUR_MS } from "../../src/core/clock.ts";
import { SAMPLE_REPLAY_FROM } from "../../src/demo/sample.ts";
import { SAMPLE_FILES } from "../../src/demo/sample-files.ts";
import { ClockFollower } from "../../src/local-venue/follow.ts";
import {
  AcceleratedClock,
  fileTableSource,
  type LocalVenue,
  startLocalVenue,
} from "../../src/local-venue/index.ts";

const sample = fileTableSource("sample", SAMPLE_FILES);
const T = SAMPLE_REPLAY_FROM + 2 * DAY_MS;
const venues: LocalVenue[] = [];
afterEach(async () => {
  for (const v of venues.splice(0)) await v.stop();
});

const post = async (url: string, body: unknown) =>
  (await fetch(`${url}/info`, { method: "POST", body: JSON.stringify(body) })).json();

describe("AcceleratedClock", () => {
  test("runs speed× the injected wall time from its start", () => {
    let wall = 1_000;
    const clock = new AcceleratedClock(T, 60, { wall: () => wall });
    expect(clock.now()).toBe(T);
    wall += 500;
    expect(clock.now()).toBe(T + 30_000);
  });

  test("held at its start until run()", () => {
    let wall = 0;
    const clock = new AcceleratedClock(T, 600, { held: true, wall: () => wall });
    wall += 10_000;
    expect(clock.now()).toBe(T);
    clock.run();
    wall += 100;
    expect(clock.now()).toBe(T + 60_000);
    clock.run(); // a second run() does not restart it
    expect(clock.now()).toBe(T + 60_000);
  });

  test("refuses a speed that is not positive", () => {
    expect(() => new AcceleratedClock(T, 0)).toThrow(RangeError);
    expect(() => new AcceleratedClock(T, Number.NaN)).toThrow(RangeError);
  });
});

describe("the venue following a clock", () => {
  test("ClockFollower advances the venue, never backwards", () => {
    const pushes: number[] = [];
    const venue = {
      t: T,
      now: () => venue.t,
      catchUp: (t: number) => {
        venue.t = t;
      },
      advanceTo: (t: number) => {
        venue.t = t;
        pushes.push(t);
      },
    };
    let now = T + 5_000;
    const follower = new ClockFollower(venue, { now: () => now });
    follower.sync();
    expect([venue.t, pushes]).toEqual([T + 5_000, [T + 5_000]]);
    now = T + 6_000;
    follower.catchUp(); // before a request: the clock moves, the market pushes wait for the timer
    expect([venue.t, pushes]).toEqual([T + 6_000, [T + 5_000]]);
    now = T; // the clock behind the venue (the venue was moved by hand): nothing happens
    follower.sync();
    follower.catchUp();
    expect(venue.t).toBe(T + 6_000);
  });

  test("every request is answered at the clock’s now: its time, the bars closed by then", async () => {
    let now = T;
    const venue = startLocalVenue({ data: sample, clock: { now: () => now } });
    venues.push(venue);
    const time = async () => (await (await fetch(`${venue.url}/admin/time`)).json()).now;
    expect(await time()).toBe(T);
    now = T + HOUR_MS + 1_000;
    expect(await time()).toBe(T + HOUR_MS + 1_000);
    const bars = await post(venue.url, {
      type: "candleSnapshot",
      req: { coin: "BTC", interval: "1h", startTime: T, endTime: now },
    });
    expect(bars.map((b: { t: number }) => b.t)).toEqual([T, T + HOUR_MS]); // one closed, one forming
  });
});

describe("time shift (a sample day replayed as today)", () => {
  test("every bar and funding event is served whole days later, values unchanged", async () => {
    const shift = 400 * DAY_MS;
    const plain = startLocalVenue({ data: sample, time: T });
    const shifted = startLocalVenue({ data: sample, time: T + shift, timeShiftMs: shift });
    venues.push(plain, shifted);
    for (const interval of ["15m", "1h", "4h"]) {
      const req = (at: number) => ({ coin: "ETH", interval, startTime: at - DAY_MS, endTime: at });
      const a = await post(plain.url, { type: "candleSnapshot", req: req(T) });
      const b = await post(shifted.url, { type: "candleSnapshot", req: req(T + shift) });
      expect(b.length).toBeGreaterThan(5);
      expect(b).toEqual(a.map((c: { t: number; T: number }) => ({ ...c, t: c.t + shift, T: c.T + shift })));
    }
    const funding = (url: string, at: number) =>
      post(url, { type: "fundingHistory", coin: "ETH", startTime: at - DAY_MS, endTime: at });
    const fa = await funding(plain.url, T);
    expect(await funding(shifted.url, T + shift)).toEqual(
      fa.map((f: { time: number }) => ({ ...f, time: f.time + shift })),
    );
    expect(await post(shifted.url, { type: "allMids" })).toEqual(await post(plain.url, { type: "allMids" }));
  });
});

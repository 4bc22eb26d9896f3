import { describe, expect, test } from "bun:test";
import { HOUR_MS } from "../../../src/core/clock.ts";
import { FundingCursor } from "../../../src/market/features/funding-cursor.ts";
import { funding } from "./real-data.ts";

describe("FundingCursor: the latest funding event at or before a bar's close", () => {
  const events = funding("BTC");

  test("a 1h bar closing on the hour sees the previous hour's event (HL publishes a few ms late)", () => {
    const i = 1000;
    const ev = events[i]!;
    const hour = Math.floor(ev.eventT / HOUR_MS) * HOUR_MS;
    expect(ev.eventT, "real HL events carry jitter after the hour").toBeGreaterThan(hour);
    const cursor = new FundingCursor(events);
    expect(cursor.at(hour)).toBe(events[i - 1]!.rate);
    expect(cursor.at(ev.eventT)).toBe(ev.rate);
    expect(cursor.at(hour + HOUR_MS - 1)).toBe(ev.rate);
  });

  test("never returns an event published after the asked time, over the whole real series", () => {
    const cursor = new FundingCursor(events);
    let bad = 0;
    for (let t = events[0]!.eventT - HOUR_MS; t < events.at(-1)!.eventT + HOUR_MS; t += 15 * 60_000) {
      const rate = cursor.at(t);
      let expected: number | null = null;
      for (let lo = 0, hi = events.length - 1; lo <= hi; ) {
        const mid = (lo + hi) >> 1;
        if (events[mid]!.eventT <= t) {
          expected = events[mid]!.rate;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (rate !== expected) bad++;
    }
    expect(bad).toBe(0);
  });

  test("null before the first event; an earlier time rewinds", () => {
    const cursor = new FundingCursor(events);
    expect(cursor.at(events[0]!.eventT - 1)).toBeNull();
    expect(cursor.at(events[10]!.eventT)).toBe(events[10]!.rate);
    expect(cursor.at(events[3]!.eventT)).toBe(events[3]!.rate);
  });
});

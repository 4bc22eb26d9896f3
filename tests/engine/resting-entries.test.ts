// Resting maker entries are new entries: whatever refuses a new entry on the path cancels them, with
// the refusal's reason (pause, kill switch, daily halt, a coin's cooldown, a prediction crisis).
import { describe, expect, test } from "bun:test";
import type { Candidate } from "../../src/core/signal.ts";
import type { MarketView, TradingBook } from "../../src/engine/ports.ts";
import { cancelBlockedEntries } from "../../src/engine/resting-entries.ts";
import { EMPTY_HALTS, type HaltState } from "../../src/risk/halts.ts";

function bookWith(coins: string[]) {
  const cancelled: [string, string][] = [];
  let resting = coins.map((coin) => ({ coin }) as Candidate);
  const book = {
    get restingEntries() {
      return resting;
    },
    cancelEntries(only: (c: Candidate) => boolean, reason: string) {
      for (const c of resting) if (only(c)) cancelled.push([c.coin, reason]);
      resting = resting.filter((c) => !only(c));
    },
  } as unknown as TradingBook;
  return { book, cancelled };
}

const view = { now: Date.parse("2025-03-01T12:00Z") } as MarketView;
const halts = (h: Partial<HaltState>): HaltState => ({ ...structuredClone(EMPTY_HALTS), ...h });

describe("cancelBlockedEntries", () => {
  test("nothing refused: every entry keeps resting", () => {
    const { book, cancelled } = bookWith(["BTC", "ETH"]);
    expect(cancelBlockedEntries(book, view, { paused: false, halts: halts({}), crisis: false })).toBe(0);
    expect(cancelled).toEqual([]);
  });
  test("a pause, the kill switch or a crisis cancels all; a cooldown only its coin", () => {
    const paused = bookWith(["BTC", "ETH"]);
    cancelBlockedEntries(paused.book, view, { paused: true, halts: null, crisis: false });
    expect(paused.cancelled).toEqual([
      ["BTC", "paused"],
      ["ETH", "paused"],
    ]);
    const kill = bookWith(["BTC"]);
    cancelBlockedEntries(kill.book, view, {
      paused: false,
      halts: halts({ kill: { since: 0, drawdown: 0.2 } }),
      crisis: false,
    });
    expect(kill.cancelled).toEqual([["BTC", "kill_switch"]]);
    const crisis = bookWith(["SOL"]);
    cancelBlockedEntries(crisis.book, view, { paused: false, halts: halts({}), crisis: true });
    expect(crisis.cancelled).toEqual([["SOL", "prediction_crisis"]]);
    const cool = bookWith(["BTC", "ETH"]);
    cancelBlockedEntries(cool.book, view, {
      paused: false,
      halts: halts({ cooldowns: { ETH: view.now + 60_000 } }),
      crisis: false,
    });
    expect(cool.cancelled).toEqual([["ETH", "cooldown"]]);
  });
});

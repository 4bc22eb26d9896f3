/**
 * No lookahead: a decision at bar t is the same whether the data ends at t or goes on. Each cut
 * replays real HL data (candles AND funding) only up to a decision time of the full run and must
 * reproduce every decision up to that time — including the one made at the cut itself.
 */
import { describe, expect, test } from "bun:test";
import { STRATEGY_NAMES } from "../../strategies/types.ts";
import { type Decision, replay } from "./replay.ts";

const COINS = ["BTC", "ETH", "SOL"] as const;
const TIMEFRAMES = ["15m", "1h", "4h"] as const;

function cutsFor(full: Decision[]): number[] {
  const cuts: number[] = [];
  for (const name of STRATEGY_NAMES) {
    const own = full.filter((d) => d.strategy === name);
    if (own.length > 0) cuts.push(own[Math.floor(own.length / 2)]!.decidedAt);
  }
  return cuts;
}

describe.each(["shadow", "live"] as const)("%s decisions with the data cut at t", (set) => {
  const full = replay({ coins: COINS, timeframes: TIMEFRAMES, set });

  test("every strategy decides something on this data", () => {
    const seen = new Set(full.map((d) => d.strategy));
    expect([...seen].sort()).toEqual([...STRATEGY_NAMES].sort());
  });

  test("are identical up to t, including the decision made at t", () => {
    const cuts = set === "shadow" ? cutsFor(full) : cutsFor(full).slice(0, 2);
    for (const cut of cuts) {
      const truncated = replay({ coins: COINS, timeframes: TIMEFRAMES, set, endT: cut });
      const expected = full.filter((d) => d.decidedAt <= cut);
      expect(
        truncated.some((d) => d.decidedAt === cut),
        `a decision at the cut ${cut}`,
      ).toBe(true);
      expect(truncated, `cut at ${new Date(cut).toISOString()}`).toEqual(expected);
    }
  });
});

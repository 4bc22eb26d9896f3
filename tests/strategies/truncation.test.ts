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

/** The middle decision of each strategy (of the named ones only, when given). */
function cutsFor(full: Decision[], only: readonly string[] = STRATEGY_NAMES): number[] {
  const cuts: number[] = [];
  for (const name of only) {
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
    // Live: three strategies (the replays are the slow part), the newest one among them.
    const cuts =
      set === "shadow" ? cutsFor(full) : cutsFor(full, ["momentum", "mean_reversion", "zscore_reversion"]);
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

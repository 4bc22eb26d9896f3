// One economic setup = one training row: a 15m and a 1h signal on the same coin, side and close time
// are one setup. Under v3/v4 the best-scored one opens a shadow trade and the other is recorded as a
// duplicate; under v2 (no dedup) each opens its own trade.
import { describe, expect, test } from "bun:test";
import { realSeries, runScripted } from "../support/engine-harness.ts";

const T = (iso: string) => Date.parse(`${iso}Z`);
const from = T("2025-02-07T16:45");
const to = T("2025-02-08T02:00");
// Both bars close at 20:00: the 1h bar opened 19:00, the 15m bar 19:45.
const script = [
  {
    coin: "BTC",
    side: "short" as const,
    timeframe: "1h" as const,
    candleT: T("2025-02-07T19:00"),
    stop: 98500,
    target: 95000,
    score: 60,
    strategy: "slow",
  },
  {
    coin: "BTC",
    side: "short" as const,
    timeframe: "15m" as const,
    candleT: T("2025-02-07T19:45"),
    stop: 98500,
    target: 95000,
    score: 70,
    strategy: "fast",
  },
];
const series = () => [realSeries("BTC", "15m", from, to), realSeries("BTC", "1h", from, to)];

describe("setup-key dedup across timeframes", () => {
  test("v4: one shadow trade (the better score), the other recorded as duplicate", () => {
    const { journal } = runScripted({ model: "v4", script, series: series() });
    expect(journal.positions.map((p) => p.strategy)).toEqual(["fast"]);
    const dup = journal.decisions.find((d) => d.candidate.strategy === "slow")!;
    expect(dup.verdict).toBe("duplicate");
    expect(dup.candidate.setupKey).toBe(journal.positions[0]!.setupKey);
  });

  test("v2: no dedup, both open", () => {
    const { journal } = runScripted({ model: "v2", script, series: series() });
    expect(journal.positions.map((p) => p.strategy).sort()).toEqual(["fast", "slow"]);
  });
});

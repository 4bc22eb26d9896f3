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

describe("funding reaches the features only once published", () => {
  test("a bar closing on the hour sees the previous hour's rate; the next bar sees the new one", () => {
    const seen: { close: number; funding: number | null }[] = [];
    const signals = {
      onClosedBar: (bar: { candle: { t: number } }, f: number | null) =>
        seen.push({ close: bar.candle.t + 900_000, funding: f }),
      regime: () => "Neutral" as const,
      scan: () => ({ shadow: [], live: [] }),
    };
    const hour = T("2025-02-07T20:00");
    const funding = new Map([
      [
        "BTC",
        [
          { coin: "BTC", t: hour - 3_600_000, rate: 0.0001, eventT: hour - 3_600_000 + 80 },
          { coin: "BTC", t: hour, rate: 0.0002, eventT: hour + 80 },
        ],
      ],
    ]);
    runScripted({
      model: "v4",
      script: [],
      series: [realSeries("BTC", "15m", from, to)],
      funding,
      signals: signals as never,
    });
    expect(seen.find((s) => s.close === hour)!.funding).toBe(0.0001);
    expect(seen.find((s) => s.close === hour + 900_000)!.funding).toBe(0.0002);
  });
});

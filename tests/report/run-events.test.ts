// The run's events: each risk event is charged with the live candidates refused for its reason
// while it held, a reset ends the kill switch it lifts, and liquidations and data gaps join the
// list in time order.
import { describe, expect, test } from "bun:test";
import type { EquitySnapshot } from "../../src/engine/ports.ts";
import { RunEventLog } from "../../src/report/run-events.ts";
import type { RunTrade, SeriesCoverage } from "../../src/report/run-summary.ts";

const T0 = Date.parse("2024-10-12T10:00Z");
const snap = (t: number, equity: number, peak: number, dayPnl = 0): EquitySnapshot => ({
  mode: "live",
  t,
  equity,
  peak,
  drawdown: (peak - equity) / peak,
  dayPnl,
  openPositions: 0,
});

describe("RunEventLog", () => {
  test("the kill switch carries its drawdown and the candidates it refused until its reset", () => {
    const log = new RunEventLog("reset:7");
    log.onLiveDecision("open", []);
    log.onEngineEvent({ kind: "kill_switch", t: T0, snapshot: snap(T0, 8_400, 10_000), floor: 0.15 });
    for (let i = 0; i < 3; i++) log.onLiveDecision("rejected", ["kill_switch", "max_positions"]);
    log.onEngineEvent({
      kind: "kill_switch_reset",
      t: T0 + 7 * 86_400_000,
      since: T0,
      snapshot: snap(T0, 8_300, 8_300),
    });
    log.onLiveDecision("rejected", ["kill_switch"]); // a later refusal must not be charged to the lifted one
    const [kill, reset] = log.events([], []);
    expect(kill!.kind).toBe("kill_switch");
    expect(kill!.value).toBeCloseTo(16, 10);
    expect(kill!.detail).toContain("drawdown 16.0% reached the 15.0% floor");
    expect(kill!.rejectedCandidates).toBe(3);
    expect(kill!.endedAt).toBe(T0 + 7 * 86_400_000);
    expect(reset!.kind).toBe("kill_switch_reset");
    expect(log.candidates).toEqual({ seen: 5, opened: 1, refused: 4 });
    expect(log.rejections).toEqual({ kill_switch: 4, max_positions: 3 });
  });

  test("a daily halt ends at the UTC rollover; ruin holds to the end", () => {
    const log = new RunEventLog("halt");
    log.onEngineEvent({ kind: "daily_halt", t: T0, snapshot: snap(T0, 9_600, 10_000, -400), limit: 0.03 });
    log.onLiveDecision("rejected", ["daily_loss_halt"]);
    log.onEngineEvent({ kind: "ruin", t: T0 + 1000, equity: -12 });
    log.onLiveDecision("rejected", ["ruin"]);
    log.onLiveDecision("rejected", ["ruin"]);
    const [halt, ruin] = log.events([], []);
    expect(halt!.endedAt).toBe(Date.parse("2024-10-13T00:00Z"));
    expect(halt!.value).toBeCloseTo(4, 10);
    expect(halt!.rejectedCandidates).toBe(1);
    expect([ruin!.kind, ruin!.value, ruin!.rejectedCandidates, ruin!.endedAt]).toEqual([
      "ruin",
      -12,
      2,
      null,
    ]);
  });

  test("liquidations and data gaps are events too, in time order", () => {
    const log = new RunEventLog("halt");
    const liquidated = {
      mode: "shadow",
      coin: "ETH",
      side: "long",
      strategy: "trend_alpha",
      closedAt: T0 + 5,
      entryPx: 2500,
      exitPx: 2300,
      r: -1.1,
      exitReason: "liquidation",
    } as RunTrade;
    const stopped = { ...liquidated, closedAt: T0 + 1, exitReason: "stop" } as RunTrade;
    const coverage: SeriesCoverage[] = [
      {
        coin: "SOL",
        interval: "1h",
        first: T0 - 1e8,
        last: T0,
        bars: 10,
        gaps: [{ from: T0 - 7_200_000, to: T0 - 3_600_000, bars: 2 }],
        warmFrom: null,
      },
    ];
    const events = log.events([stopped, liquidated], coverage);
    expect(events.map((e) => [e.kind, e.coin, e.mode])).toEqual([
      ["data_gap", "SOL", null],
      ["liquidation", "ETH", "shadow"],
    ]);
    expect(events[0]!.endedAt).toBe(T0);
    expect(events[0]!.value).toBe(2);
  });
});

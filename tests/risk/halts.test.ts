// Every halt triggered on real BTC bars through the engine the daemon runs (live path on the simulated
// venue): drawdown kill switch, daily loss halt (cleared at UTC rollover), cooldown after a stop-loss,
// max positions, position timeout, and the losing-weeks count behind the start-up halt.
import { describe, expect, test } from "bun:test";
import { DAY_MS } from "../../src/core/clock.ts";
import { consecutiveLosingWeeks, EMPTY_HALTS, killFlattenDue } from "../../src/risk/halts.ts";
import { realSeries, runLive } from "../support/engine-harness.ts";

const T = (iso: string) => Date.parse(`${iso}Z`);
const series = () => [realSeries("BTC", "15m", T("2025-02-07T16:45"), T("2025-02-09T06:00"))];
// 18:45 bar closes at 97740; the 19:00 bar's low (97254) takes out a stop at 97300: a ~1R loss.
// Leverage 20 so that the risk fraction, not the margin cap, sets the size.
const loser = {
  coin: "BTC",
  side: "long" as const,
  candleT: T("2025-02-07T18:45"),
  stop: 97300,
  target: 99000,
};
const LEV = { HLBOT_RISK__MAX_LEVERAGE: "20" };
const later = (iso: string) => ({
  coin: "BTC",
  side: "short" as const,
  candleT: T(iso),
  stop: 99500,
  target: 93000,
});
const liveDecisions = (j: ReturnType<typeof runLive>["journal"]) =>
  j.decisions.filter((d) => d.mode === "live");

describe("halts through the engine", () => {
  test("drawdown kill switch: flatten, halt, refuse every later entry; shadow keeps recording", () => {
    // An ETH position far from its stop is open when the BTC loss breaches the floor: it is flattened.
    const open = {
      coin: "ETH",
      side: "short" as const,
      candleT: T("2025-02-07T18:30"),
      stop: 4000,
      target: 1000,
    };
    const { engine, journal } = runLive({
      model: "v4",
      script: [open, loser, later("2025-02-07T20:00"), later("2025-02-08T04:00"), later("2025-02-08T05:00")],
      series: [...series(), realSeries("ETH", "15m", T("2025-02-07T16:45"), T("2025-02-09T06:00"))],
      overrides: {
        ...LEV,
        HLBOT_RISK__RISK_FRACTION: "0.06",
        HLBOT_RISK__DRAWDOWN_FLOOR: "0.04",
        HLBOT_RISK__DAILY_LOSS_LIMIT: "0.5",
      },
    });
    expect(engine.halts.kill).not.toBeNull();
    const live = journal.positions.filter((p) => p.mode === "live");
    expect(live.some((p) => p.exitReason === "kill")).toBe(true);
    const after = liveDecisions(journal).filter((d) => d.candidate.decidedAt > engine.halts.kill!.since);
    expect(after.length).toBeGreaterThan(0);
    for (const d of after) {
      expect(d.verdict).toBe("rejected");
      expect(d.reasons).toContain("kill_switch");
    }
    const shadowAfter = journal.decisions.filter(
      (d) => d.mode === "shadow" && d.candidate.decidedAt > engine.halts.kill!.since,
    );
    expect(shadowAfter.length).toBe(after.length);
  });

  test("daily loss halt: no entries for the rest of the UTC day, allowed again after rollover", () => {
    const { journal } = runLive({
      model: "v4",
      script: [loser, later("2025-02-07T20:00"), later("2025-02-08T01:00")],
      series: series(),
      overrides: {
        ...LEV,
        HLBOT_RISK__RISK_FRACTION: "0.04",
        HLBOT_RISK__DAILY_LOSS_LIMIT: "0.03",
        HLBOT_RISK__COOLDOWN_AFTER_STOP_MINUTES: "0",
      },
    });
    const byCandle = new Map(liveDecisions(journal).map((d) => [d.candidate.candleT, d]));
    expect(byCandle.get(T("2025-02-07T20:00"))!.reasons).toContain("daily_loss_halt");
    expect(byCandle.get(T("2025-02-08T01:00"))!.verdict).toBe("open");
  });

  test("cooldown after a stop-loss refuses the coin for the configured minutes", () => {
    const { journal } = runLive({
      model: "v4",
      script: [loser, later("2025-02-07T19:30"), later("2025-02-07T20:30")],
      series: series(),
      overrides: { HLBOT_RISK__COOLDOWN_AFTER_STOP_MINUTES: "60" },
    });
    const byCandle = new Map(liveDecisions(journal).map((d) => [d.candidate.candleT, d]));
    // Stopped at the 19:15 tick; 19:30 bar decides at 19:45 (inside 60 min), 20:30 bar at 20:45 (after).
    expect(byCandle.get(T("2025-02-07T19:30"))!.reasons).toEqual(["cooldown"]);
    expect(byCandle.get(T("2025-02-07T20:30"))!.verdict).toBe("open");
  });

  test("max positions and one position per coin", () => {
    const script = ["2025-02-07T20:00", "2025-02-07T20:15"].map((t) => ({
      ...later(t),
      stop: 120000,
      target: 10000,
    }));
    const { journal } = runLive({
      model: "v4",
      script,
      series: series(),
      overrides: { HLBOT_RISK__MAX_POSITIONS: "1" },
    });
    const second = liveDecisions(journal).find((d) => d.candidate.candleT === T("2025-02-07T20:15"))!;
    expect(second.reasons).toEqual(expect.arrayContaining(["max_positions", "position_open_on_coin"]));
  });

  test("position timeout closes at the bar close after the configured hours", () => {
    const far = { ...later("2025-02-07T20:00"), stop: 120000, target: 10000 };
    const { journal } = runLive({
      model: "v4",
      script: [far],
      series: series(),
      overrides: { HLBOT_RISK__POSITION_TIMEOUT_HOURS: "2" },
    });
    const p = journal.positions.find((x) => x.mode === "live")!;
    expect(p.exitReason).toBe("timeout");
    expect(p.closedAt! - p.openedAt).toBe(2 * 3_600_000);
  });
});

describe("consecutiveLosingWeeks (start-up halt)", () => {
  const monday = T("2025-06-02T00:00"); // a Monday
  const week = 7 * DAY_MS;
  test("counts complete losing ISO weeks back from the last one; a winning or empty week stops the count", () => {
    const trades = [
      { closedAt: monday - 3 * week + DAY_MS, netPnl: -10 },
      { closedAt: monday - 2 * week + DAY_MS, netPnl: -5 },
      { closedAt: monday - 1 * week + DAY_MS, netPnl: -1 },
      { closedAt: monday - 1 * week + 2 * DAY_MS, netPnl: 0.5 },
    ];
    expect(consecutiveLosingWeeks(trades, monday + DAY_MS)).toBe(3);
    expect(
      consecutiveLosingWeeks([...trades, { closedAt: monday - 2 * week, netPnl: 20 }], monday + DAY_MS),
    ).toBe(1);
    expect(consecutiveLosingWeeks([], monday)).toBe(0);
  });
});

describe("killFlattenDue (issue 14 #7: the kill-switch flatten is retried until flat)", () => {
  const killed = { ...EMPTY_HALTS, kill: { since: 0, drawdown: 0.2 } };
  test("#7 due on every tick while the kill switch is set and live positions remain", () => {
    expect(killFlattenDue(killed, 2)).toBe(true);
    expect(killFlattenDue(killed, 0)).toBe(false);
    expect(killFlattenDue(EMPTY_HALTS, 2)).toBe(false);
  });
});

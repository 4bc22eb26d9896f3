// Entry delay is one engine rule: with entries.delay_bars 1 and cancel-if-signal-gone, the daemon's
// shadow path (hlbot trade on the fake Hyperliquid replaying real bars) opens the same positions, one
// bar after their signal bar, and drops the same ones as a backtest of the same ledger window.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { STRATEGY_NAMES } from "../../strategies/types.ts";
import { backtestRun, type Rig, rig, shutdown, step } from "./support/harness.ts";

const H = 3_600_000;
const others = Object.fromEntries(
  STRATEGY_NAMES.filter((n) => n !== "zscore_reversion").map((n) => [`strategies.${n}`, { enabled: false }]),
);
let r: Rig;
let from = 0;
let to = 0;

beforeAll(async () => {
  r = rig({
    time: "2025-06-02T00:00:10Z",
    overrides: {
      "engine.tick_seconds": 300,
      "entries.delay_bars": 1,
      "entries.cancel_if_signal_gone": true,
      ...others,
    },
  });
  await r.daemon.start();
  from = r.clock.now();
  for (let i = 0; i < (4 * 24 * H) / 300_000; i++) await step(r);
  to = r.clock.now();
}, 300_000);
afterAll(() => shutdown(r));

function decisions(runId: number): string[] {
  const rows = r.db
    .query(
      `SELECT d.strategy, d.coin, d.side, d.candle_t, d.verdict, d.reasons, d.sim_model_version AS v, p.opened_at
         FROM decisions d LEFT JOIN positions p ON p.decision_id = d.id
        WHERE d.run_id = ?1 AND d.mode = 'shadow' ORDER BY d.candle_t, d.coin, d.side`,
    )
    .all(runId) as {
    strategy: string;
    coin: string;
    side: string;
    candle_t: number;
    verdict: string;
    reasons: string;
    v: string;
    opened_at: number | null;
  }[];
  return rows
    .filter((d) => d.candle_t + 2 * H > from && d.candle_t + 2 * H <= to - H)
    .map(
      (d) =>
        `${d.v} ${d.coin} ${d.side} ${new Date(d.candle_t).toISOString()} ${d.verdict} ${d.reasons} ${
          d.opened_at === null ? "-" : `+${Math.floor((d.opened_at - d.candle_t) / H)}h`
        }`,
    );
}

describe("entry delay: daemon shadow path vs backtest of the same bars", () => {
  test("the same entries open one bar after their signal bar, the same ones are dropped as signal_gone", () => {
    const daemon = decisions(0);
    const backtest = decisions(backtestRun(r, from, to));
    expect(daemon.length).toBeGreaterThanOrEqual(5);
    expect(daemon.some((d) => d.includes("signal_gone"))).toBe(true);
    expect(daemon.some((d) => d.includes(" open [] +2h"))).toBe(true);
    expect(daemon).toEqual(backtest);
  });
});

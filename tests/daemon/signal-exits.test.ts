// CLOSE exits are one engine rule: the daemon's shadow path (hlbot trade against the fake Hyperliquid
// replaying real bars) and a backtest of the same ledger window close the same zscore_reversion
// positions by signal, on the same bar. Only the strategy with a CLOSE rule runs, so every position
// is one that rule may close.
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
  r = rig({ time: "2025-06-02T00:00:10Z", overrides: { "engine.tick_seconds": 300, ...others } });
  await r.daemon.start();
  from = r.clock.now();
  for (let i = 0; i < (4 * 24 * H) / 300_000; i++) await step(r);
  to = r.clock.now();
}, 300_000);
afterAll(() => shutdown(r));

interface Row {
  key: string;
  exit_reason: string;
  closed_at: number;
}

function closedBySignal(runId: number): Row[] {
  return (
    r.db
      .query(
        `SELECT setup_key || '|' || strategy AS key, exit_reason, closed_at FROM positions
          WHERE run_id = ?1 AND mode = 'shadow' AND exit_reason = 'signal' ORDER BY setup_key`,
      )
      .all(runId) as Row[]
  ).filter((p) => p.closed_at <= to - H);
}

describe("CLOSE exits: daemon shadow path vs backtest of the same bars", () => {
  test("the same positions close by signal, on the same bar", () => {
    const daemon = closedBySignal(0);
    const backtest = closedBySignal(backtestRun(r, from, to));
    expect(daemon.length).toBeGreaterThanOrEqual(3);
    // The backtest exits at the bar's close; the daemon at its first tick after it (10 s later).
    const bar = (rows: Row[]) =>
      rows.map((p) => `${p.key}@${new Date(Math.floor(p.closed_at / H) * H).toISOString()}`);
    expect(bar(daemon)).toEqual(bar(backtest));
    for (const p of daemon) expect(p.closed_at % H).toBeLessThan(300_000);
  });
});

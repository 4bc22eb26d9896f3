// Stopping and starting hlbot trade mid-run: open shadow positions, account and halts come back from
// the ledger, the bar that closed while it was down is decided by the first tick after the restart,
// and across the restart every decision exists exactly once — the same set a backtest produces.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Position } from "../../src/engine/position.ts";
import { startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { backtestRun, decisionKeys, type Rig, rig, shutdown, step } from "./support/harness.ts";

const HALF_DAY_TICKS = 1440;
const TIME = "2025-06-05T00:00:10Z";
let a: Rig;
let b: Rig;
let from = 0;
let to = 0;
let openAtStop: readonly Position[] = [];
let accountAtStop: unknown;
const KILL = { since: 0, drawdown: 0.2 };

beforeAll(async () => {
  let fakeRef: ReturnType<typeof startFakeHyperliquid> | null = null;
  const fake = startFakeHyperliquid({ time: TIME, rateClock: () => fakeRef?.now() ?? 0 });
  fakeRef = fake;
  a = rig({ time: TIME, fake });
  await a.daemon.start();
  from = a.clock.now();
  for (let i = 0; i < HALF_DAY_TICKS; i++) await step(a);
  // A kill switch in force when the daemon stops must still be in force after the restart.
  KILL.since = a.clock.now();
  a.daemon.session!.engine.halts.kill = { ...KILL };
  await step(a);
  openAtStop = structuredClone(a.daemon.session!.engine.shadow.open);
  accountAtStop = a.daemon.session!.engine.shadow.account.snapshotState();
  await shutdown(a, false);
  // Down for 14.5 minutes: a 15m bar closes meanwhile (00:15 → decided after the restart).
  fake.advance(14.5 * 60_000);
  b = rig({ time: TIME, fake, dir: a.dir });
  await b.daemon.start();
}, 300_000);
afterAll(() => shutdown(b));

describe("hlbot trade restarted mid-run", () => {
  test("restores the open shadow positions exactly as they were managed, and the account", () => {
    expect(openAtStop.length).toBeGreaterThan(0);
    const restored = b.daemon.session!.engine.shadow.open;
    expect(restored).toEqual(openAtStop);
    expect(b.daemon.session!.engine.shadow.account.snapshotState()).toEqual(accountAtStop as never);
  });

  test("restores the halts: the kill switch stays set", () => {
    expect(b.daemon.session!.engine.halts.kill).toEqual(KILL);
  });

  test("the first tick decides the bar that closed while the daemon was down", async () => {
    await step(b);
    const first = b.daemon.stats().lastTick!;
    expect(first.closedBars).toBe(6); // the six 15m bars that closed at 00:15, none late
    expect(first.lateBars).toBe(0);
    for (let i = 1; i < HALF_DAY_TICKS; i++) await step(b);
    to = b.clock.now();
    expect(b.daemon.stats().errors).toEqual({});
  }, 300_000);

  test("across the restart nothing is lost or doubled: the decisions equal the backtest's", () => {
    const daemon = decisionKeys(b.db, 0, from, to);
    const backtest = decisionKeys(b.db, backtestRun(b, from, to), from, to);
    expect(daemon.length).toBeGreaterThan(3);
    expect(daemon).toEqual(backtest);
    const doubled = b.db
      .query(
        "SELECT decision_id, COUNT(*) AS n FROM positions WHERE run_id = 0 AND decision_id IS NOT NULL GROUP BY decision_id HAVING n > 1",
      )
      .all();
    expect(doubled).toEqual([]);
  });
});

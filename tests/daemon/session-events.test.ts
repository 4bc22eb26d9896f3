// The daemon records its engine's risk events as they trip: under `hlbot trade`'s session run, in
// run_events, at the moment of the tick (not only the persisted halt state, which keeps the latest
// kill switch and the DAY of a daily halt). `hlbot review` lists them from there, each once.
import { afterEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { RunEventsRepo } from "../../src/ledger/repos/run-events.ts";
import { weekEvents } from "../../src/review/events.ts";
import { weekOf } from "../../src/review/week.ts";
import { startDaemonSession } from "../../src/runs/daemon-session.ts";
import { scratchDir } from "../support/paths.ts";
import { step } from "./support/harness.ts";
import { type LiveRig, liveRig, openLive } from "./support/live-rig.ts";

let r: LiveRig | null = null;
afterEach(async () => {
  await r?.daemon.close();
  r?.fake.stop();
  r = null;
});

describe("risk events of a daemon session", () => {
  test("a kill switch is a run_events row of the session at its tick; the review lists it once", async () => {
    r = liveRig({
      time: "2025-06-02T00:00:10Z",
      overrides: { "risk.drawdown_floor": 0.000001 },
      sessionRun: true,
    });
    await r.daemon.start();
    await step(r);
    await openLive(r, "ETH", 0.01);
    await step(r); // the fee and spread of the entry breach the floor
    const kill = r.daemon.session!.engine.halts.kill;
    expect(kill).not.toBeNull();
    const rows = r.db
      .query(
        `SELECT e.run_id, e.t, e.kind, e.mode, e.detail, b.kind AS run_kind FROM run_events e
          JOIN backtest_runs b ON b.id = e.run_id`,
      )
      .all() as { run_id: number; t: number; kind: string; mode: string; detail: string; run_kind: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kind).toBe("kill_switch");
    expect(rows[0]!.run_kind).toBe("trade");
    expect(rows[0]!.mode).toBe("live");
    expect(rows[0]!.t).toBe(kill!.since);
    expect(rows[0]!.detail).toContain("until hlbot resume");
    await step(r);
    expect(r.db.query("SELECT COUNT(*) AS n FROM run_events").get()).toEqual({ n: 1 });
    const listed = weekEvents(r.db, 0, weekOf(kill!.since)).filter((e) => e.kind === "kill_switch");
    expect(listed).toHaveLength(1);
    expect(listed[0]!.t).toBe(kill!.since);
    expect(listed[0]!.detail).toContain("reached the");
  }, 60_000);

  test("a daily halt is listed at the moment it tripped, not at the start of its day (the persisted state)", () => {
    const dir = scratchDir();
    const db = openLedger(join(dir, "hlbot.db"));
    const day = Date.parse("2025-06-20T00:00Z");
    const tripped = Date.parse("2025-06-20T15:40:02Z");
    const { config } = loadConfig({ cwd: dir, env: {} });
    const session = startDaemonSession(db, { config, kind: "demo", live: true, clock: new ManualClock(day) });
    new RunEventsRepo(db).record(session.id, [
      {
        t: tripped,
        kind: "daily_halt",
        mode: "live",
        coin: null,
        detail:
          "the day's loss 3.1% of its start equity reached the 3.0% limit: no new entries until 00:00 UTC",
        value: 3.1,
        rejectedCandidates: 0,
        endedAt: day + 86_400_000,
      },
    ]);
    db.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('halts', ?1, ?2)", [
      JSON.stringify({ kill: null, dailyHaltDay: day, cooldowns: {} }),
      tripped,
    ]);
    const halts = weekEvents(db, 0, weekOf(day)).filter((e) => e.kind === "daily_halt");
    expect(halts.map((e) => e.t)).toEqual([tripped]);
    // A ledger from before sessions recorded events: the persisted day is all there is.
    db.run("DELETE FROM run_events");
    expect(
      weekEvents(db, 0, weekOf(day))
        .filter((e) => e.kind === "daily_halt")
        .map((e) => e.t),
    ).toEqual([day]);
    db.close();
  });
});

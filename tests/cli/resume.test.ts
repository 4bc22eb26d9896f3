// `hlbot resume`: clears the kill switch (and with --daily the daily halt) in bot_state, says what it
// cleared or that nothing was set, and a running daemon applies the request at its next tick.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { utcDayStart } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { type Rig, rig, shutdown, step } from "../daemon/support/harness.ts";
import { scratchDir } from "../support/paths.ts";
import { runHlbot, writeConfig } from "./support/daemon-process.ts";

function ledgerDir(halts?: unknown): { dir: string; config: string } {
  const dir = scratchDir("hlbot-resume-");
  const config = writeConfig({ ledger: { path: join(dir, "hlbot.db") } }, dir);
  const db = openLedger(join(dir, "hlbot.db"));
  if (halts !== undefined)
    db.run("INSERT INTO bot_state (key, value, updated_at) VALUES ('halts', ?1, 0)", [JSON.stringify(halts)]);
  db.close();
  return { dir, config };
}

function botState(dir: string, key: string): unknown {
  const db = openLedger(join(dir, "hlbot.db"));
  const row = db.query("SELECT value FROM bot_state WHERE key = ?1").get(key) as { value: string } | null;
  db.close();
  return row ? JSON.parse(row.value) : undefined;
}

let r: Rig | null = null;
afterAll(async () => {
  if (r) await shutdown(r);
});

describe("hlbot resume", () => {
  test("nothing set: says so, exit 0, writes nothing", async () => {
    const { dir, config } = ledgerDir();
    const out = await runHlbot(["resume", "--config", config], dir);
    expect(out.code).toBe(0);
    expect(out.out).toContain("nothing to clear");
    expect(botState(dir, "resume.request")).toBeUndefined();
  });

  test("clears the kill switch, keeps today's daily halt without --daily, leaves a request", async () => {
    const today = utcDayStart(Date.now());
    const { dir, config } = ledgerDir({
      kill: { since: 1, drawdown: 0.16 },
      dailyHaltDay: today,
      cooldowns: { BTC: 5 },
    });
    const out = await runHlbot(["resume", "--config", config], dir);
    expect(out.code).toBe(0);
    expect(out.out).toContain("cleared: kill switch (drawdown 16.0%");
    expect(botState(dir, "halts")).toEqual({ kill: null, dailyHaltDay: today, cooldowns: { BTC: 5 } });
    expect(botState(dir, "resume.request")).toMatchObject({ kill: true, daily: false });

    const daily = await runHlbot(["resume", "--daily", "--config", config], dir);
    expect(daily.out).toContain("daily loss halt of");
    expect(botState(dir, "halts")).toMatchObject({ kill: null, dailyHaltDay: null });
  });

  test("a running daemon lifts its kill switch at the next tick", async () => {
    r = rig({ time: "2025-06-02T00:00:10Z", overrides: { "engine.history_bars": 100 } });
    await r.daemon.start();
    r.daemon.session!.engine.halts.kill = { since: r.clock.now(), drawdown: 0.2 };
    await step(r);
    expect(botState(r.dir, "halts")).toMatchObject({ kill: { drawdown: 0.2 } });
    const config = writeConfig({ ledger: { path: r.config.ledger.path } }, scratchDir("hlbot-resume-"));
    const out = await runHlbot(["resume", "--config", config], r.dir);
    expect(out.code).toBe(0);
    expect(r.daemon.session!.engine.halts.kill).not.toBeNull(); // until the next tick
    await step(r);
    expect(r.daemon.session!.engine.halts.kill).toBeNull();
    expect(botState(r.dir, "halts")).toMatchObject({ kill: null });
    expect(botState(r.dir, "resume.request")).toBeUndefined();
  }, 60_000);
});

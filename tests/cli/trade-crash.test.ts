// `hlbot trade` killed with SIGKILL at random points, then restarted, several times: every restart
// comes up (the dead run's lock is taken over), keeps ticking where the ledger left off, and the ledger
// stays intact (integrity and foreign keys) with no decision doubled.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { WEIGHT_JOURNAL_KEY } from "../../src/hyperliquid/weight-journal.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";
import { spawnHlbot, waitFor, writeConfig } from "./support/daemon-process.ts";

let fake: FakeHyperliquid;
beforeAll(() => {
  // No IP limit here: each restart re-fetches its history top-up, and budget behaviour has its own tests.
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false });
});
afterAll(() => fake.stop());

/** The heartbeat the daemon commits with every tick: which process and when. */
function heartbeat(dbPath: string): { pid: number; t: number } | null {
  const db = openLedger(dbPath);
  const row = db.query("SELECT value FROM bot_state WHERE key = 'daemon.heartbeat'").get() as {
    value: string;
  } | null;
  db.close();
  return row ? (JSON.parse(row.value) as { pid: number; t: number }) : null;
}

function forgetWeightWindow(dbPath: string): void {
  const db = openLedger(dbPath);
  db.run("DELETE FROM bot_state WHERE key = ?1", [WEIGHT_JOURNAL_KEY]);
  db.close();
}

describe("hlbot trade under SIGKILL", () => {
  test("restarts after every kill, keeps ticking, ledger intact", async () => {
    const dir = scratchDir("hlbot-kill-");
    const dbPath = join(dir, "hlbot.db");
    const config = writeConfig(
      {
        engine: { coins: ["BTC", "ETH"], tick_seconds: 1, history_bars: 100 },
        hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 1000 },
        ledger: { path: dbPath },
        live: { candidates_path: join(dir, "live_candidates.json") },
        daemon: { tick_offset_ms: 0, rest_deadline_ms: 1000, ws_sample_ms: 200 },
        api: { enabled: false },
      },
      dir,
    );
    let seed = 11;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    let lastT = 0;
    for (let k = 0; k < 5; k++) {
      // Five lives in a few seconds spend more than a minute's budget; hlbot's limiter (rightly) carries
      // its window across restarts and would wait. This venue has no limit: start each life afresh.
      forgetWeightWindow(dbPath);
      const child = spawnHlbot(["trade", "--config", config, "--log-format", "json"], dir);
      // Wait until THIS process committed a tick (the dead run's lock was taken over), then kill it at a
      // random moment, mid-tick or between ticks.
      const beat = await waitFor(async () => {
        const b = heartbeat(dbPath);
        return b && b.pid === child.proc.pid && b.t > lastT ? b : undefined;
      }, 30_000);
      expect(beat.pid).toBe(child.proc.pid);
      await Bun.sleep(Math.floor(rand() * 1500));
      child.proc.kill("SIGKILL");
      await child.exited;
      lastT = heartbeat(dbPath)!.t;
    }
    const db = openLedger(dbPath);
    expect(db.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(db.query("PRAGMA foreign_key_check").all()).toEqual([]);
    const doubled = db
      .query(
        "SELECT strategy, coin, timeframe, candle_t, COUNT(*) AS n FROM decisions WHERE run_id = 0 GROUP BY 1, 2, 3, 4, mode HAVING n > 1",
      )
      .all();
    expect(doubled).toEqual([]);
    db.close();
  }, 120_000);
});

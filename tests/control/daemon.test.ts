// `hlbot ctl` against a running `hlbot trade --live` process on the local venue, alerts to a fake
// webhook (issue 16): the daemon's socket is 0600 and a socket anyone may use is refused (exit 2,
// nothing sent); status / pause / resume over it, each audited and alerted; a refusal is exit 1;
// /metrics carries the alert and heartbeat counters; SIGTERM says goodbye (daemon_stop) and removes
// the socket, after which `hlbot ctl` finds no daemon (exit 69).
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Alert } from "../../src/alerts/alert.ts";
import { controlSocketPath } from "../../src/control/socket-file.ts";
import { utcDayStart, wallClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { startFakeNotifiers } from "../alerts/support/fake-notifiers.ts";
import { freePort, runHlbot, spawnHlbot, waitFor, writeConfig } from "../cli/support/daemon-process.ts";
import { startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";

const fake = todayVenue();
const hooks = startFakeNotifiers();
afterAll(async () => {
  hooks.stop();
  await fake.stop();
});

describe("hlbot ctl against hlbot trade --live (processes)", () => {
  test("socket 0600, unsafe socket refused, pause/resume audited and alerted, /metrics, goodbye", async () => {
    const dir = scratchDir("hlbot-ctld-");
    const ledger = join(dir, "hlbot.db");
    const port = freePort();
    const config = writeConfig(
      {
        engine: { coins: ["BTC", "ETH"], tick_seconds: 1, history_bars: 100 },
        hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl, request_timeout_ms: 1000 },
        ledger: { path: ledger },
        live: { candidates_path: join(dir, "live_candidates.json") },
        daemon: { tick_offset_ms: 0, rest_deadline_ms: 1000, ws_sample_ms: 200 },
        api: { enabled: true, port },
        alerts: { webhook: { enabled: true }, heartbeat: { enabled: true, interval_minutes: 0.1 } },
      },
      dir,
    );
    const acct = fake.createAccount({ usdc: 5_000 });
    const child = spawnHlbot(["trade", "--live", "--config", config, "--log-format", "json"], dir, {
      HL_PRIVATE_KEY: acct.privateKey!,
      HL_ACCOUNT_ADDRESS: acct.address,
      ALERTS_WEBHOOK_URL: `${hooks.url}/hook`,
      HEARTBEAT_URL: `${hooks.url}/ping/hlbot`,
    });
    const ctl = (...args: string[]) => runHlbot(["ctl", ...args, "--config", config], dir);
    const socket = controlSocketPath(ledger);
    try {
      await waitFor(async () => {
        const s = await ctl("status", "--json");
        return s.code === 0 && JSON.parse(s.out).live && JSON.parse(s.out).last_tick_at ? true : undefined;
      }, 45_000);
      expect(statSync(socket).mode & 0o777).toBe(0o600);

      chmodSync(socket, 0o666); // someone could be impersonating the daemon: never talk to it
      const unsafe = await ctl("pause", "--path", "live");
      expect(unsafe.code).toBe(2);
      expect(unsafe.err).toContain("only 0600 (owner only) is trusted");
      chmodSync(socket, 0o600);

      const paused = await ctl("pause", "--path", "live");
      expect(paused.code).toBe(0);
      expect(paused.out.trim()).toBe("paused new live entries");
      const status = await ctl("status");
      expect(status.out).toContain("daemon: shadow + LIVE");
      expect(status.out).toContain("new entries: PAUSED on live");
      const health = (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json())) as {
        halts: { name: string }[];
      };
      expect(health.halts.map((h) => h.name)).toContain("halt.paused_live");
      const refused = await ctl("close", "4242", "--yes");
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("no position 4242 in this daemon's ledger");
      expect((await ctl("resume")).out.trim()).toBe("resumed live");

      const metrics = await waitFor(async () => {
        const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
        return /hlbot_alerts_sent_total\{notifier="webhook"\} [1-9]/.test(text) ? text : undefined;
      }, 20_000);
      for (const name of [
        'hlbot_alerts_failed_total{notifier="webhook"} 0',
        'hlbot_alerts_dropped_total{notifier="webhook",reason="queue_full"} 0',
        'hlbot_alerts_dropped_total{notifier="webhook",reason="gave_up"} 0',
        'hlbot_alerts_queued{notifier="webhook"}',
        "hlbot_alerts_throttled_total",
        'hlbot_heartbeat_pings_total{result="ok"} ',
      ])
        expect(metrics).toContain(name);
    } finally {
      child.proc.kill("SIGTERM");
    }
    expect(await child.exited).toBe(0);
    expect(existsSync(socket)).toBe(false);
    expect((await ctl("status")).code).toBe(69);

    const got = hooks.requests.webhook.map((r) => r.body as Alert);
    expect(got[0]).toMatchObject({ kind: "daemon_start", label: "custom LIVE" });
    expect(got.filter((a) => a.kind === "control_action").map((a) => a.title)).toEqual([
      "hlbot ctl pause: paused new live entries",
      "hlbot ctl close refused: no position 4242 in this daemon's ledger",
      "hlbot ctl resume: resumed live",
    ]);
    expect(got.at(-1)).toMatchObject({ kind: "daemon_stop", title: "daemon stopped: SIGTERM" });
    expect(hooks.requests.ping.length).toBeGreaterThanOrEqual(1);
    const db = openLedger(ledger);
    expect(db.query("SELECT action, ok FROM control_actions ORDER BY id").all()).toEqual([
      { action: "pause", ok: 1 },
      { action: "close", ok: 0 },
      { action: "resume", ok: 1 },
    ]);
    db.close();
  }, 90_000);
});

describe("the losing-weeks start-up halt (process)", () => {
  test("hlbot trade refuses to start (exit 2) and the refusal is alerted before the goodbye", async () => {
    const dir = scratchDir("hlbot-ctld-");
    const ledger = join(dir, "hlbot.db");
    const db = openLedger(ledger);
    const week = 7 * 24 * 3_600_000;
    for (const weeksAgo of [1, 2, 3]) {
      const t = Date.now() - weeksAgo * week;
      db.run(
        `INSERT INTO positions (run_id, mode, coin, side, strategy, session, regime, vol_bucket, setup_key,
          sim_model_version, status, opened_at, entry_px, size, initial_size, stop_px, initial_stop_px, target_px,
          risk_usd, best_px, closed_at, net_pnl, updated_at)
         VALUES (0, 'live', 'BTC', 'long', 'momentum', 'EU_OPEN', 'Long', 'mid', ?1, 'v4', 'closed', ?2, 100, 1, 1,
          90, 90, 120, 10, 100, ?2, -5, ?2)`,
        [`loss-${weeksAgo}`, t],
      );
    }
    db.close();
    const config = writeConfig(
      {
        hyperliquid: { network: "custom", http_url: fake.url, ws_url: fake.wsUrl },
        ledger: { path: ledger },
        api: { enabled: false },
        alerts: { webhook: { enabled: true } },
      },
      dir,
    );
    const before = hooks.requests.webhook.length;
    const r = await runHlbot(["trade", "--once", "--config", config], dir, {
      ALERTS_WEBHOOK_URL: `${hooks.url}/hook`,
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain("3 consecutive losing weeks");
    const got = hooks.requests.webhook.slice(before).map((q) => q.body as Alert);
    expect(got.map((a) => a.kind)).toEqual(["daemon_start", "losing_weeks_halt", "daemon_stop"]);
    expect(got[1]).toMatchObject({
      severity: "critical",
      title: "start-up refused: 3 consecutive losing live weeks (limit 3)",
    });
  }, 60_000);
});

/** 2025-06-02 of the real data replayed as today on the wall clock, as `hlbot exchange` serves it. */
function todayVenue() {
  const now = wallClock.now();
  return startFakeHyperliquid({
    time: now,
    timeShiftMs: utcDayStart(now) - utcDayStart(Date.parse("2025-06-02T00:00:00Z")),
    clock: wallClock,
    rateLimit: false,
    nonceClock: "wall",
  });
}

// The operator layer as the daemon will run it: start alert, control socket, heartbeat and the
// health watch driven by afterTick, emitAlert from anywhere, the log file, metrics, and a clean stop.
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Alert } from "../../src/alerts/alert.ts";
import { emitAlert } from "../../src/alerts/bus.ts";
import { alertEvents } from "../../src/alerts/events.ts";
import { PromWriter } from "../../src/api/prometheus.ts";
import type { HealthSnapshot } from "../../src/api/types.ts";
import { ConfigSchema } from "../../src/config/schema.ts";
import { controlClient } from "../../src/control/client.ts";
import { startOperations } from "../../src/control/operations.ts";
import { controlSocketPath } from "../../src/control/socket-file.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { configureLogger, log } from "../../src/log.ts";
import { startFakeNotifiers } from "../alerts/support/fake-notifiers.ts";
import { scratchDir } from "../support/paths.ts";
import { FakeTarget } from "./support/fake-target.ts";

const fake = startFakeNotifiers();
afterAll(() => fake.stop());

describe("startOperations", () => {
  test("start → ticks → stop: alerts, socket, heartbeat, watch, log file, metrics", async () => {
    // Other test files leave the process logger at other levels: this one needs info lines.
    configureLogger({ format: "json", level: "info", write: () => {} });
    const dir = scratchDir("hlbot-ops-");
    const ledger = join(dir, "hlbot.db");
    const config = ConfigSchema.parse({
      ledger: { path: ledger },
      log: { file: true },
      alerts: {
        webhook: { enabled: true },
        heartbeat: { enabled: true, interval_minutes: 5 },
        daily_summary_hour_utc: null,
      },
    });
    const db = openLedger(ledger);
    const clock = new ManualClock(Date.UTC(2025, 5, 1, 12));
    let feed: HealthSnapshot["feed"]["state"] = "live";
    const health = {
      snapshot: (): HealthSnapshot => ({
        source: "daemon",
        version: "0",
        commit: "x",
        startedAt: 0,
        lastTickAt: clock.now(),
        feed: { state: feed, lastMessageAt: null },
        halts: [],
        venue: null,
      }),
    };
    const ops = await startOperations({
      config,
      secrets: { alerts: { webhookUrl: `${fake.url}/hook`, heartbeatUrl: `${fake.url}/ping/x` } },
      db,
      clock,
      health,
      target: new FakeTarget(db, () => clock.now()),
      venue: { network: "testnet", live: true },
    });
    expect(statSync(controlSocketPath(ledger)).mode & 0o777).toBe(0o600);
    expect((await controlClient(controlSocketPath(ledger)).pause(["live"])).message).toBe(
      "paused new live entries",
    );

    for (let i = 0; i < 12; i++) {
      if (i === 2) feed = "down";
      if (i === 9) feed = "live";
      ops.afterTick(clock.now());
      clock.advance(30_000);
    }
    emitAlert(alertEvents.orderUnknown({ coin: "BTC", role: "entry", cloid: "0x1" }));
    log.withTag("daemon").info("a line for the log file");
    const w = new PromWriter();
    ops.writeMetrics(w);
    await ops.stop("SIGTERM", { ticks: 12, errors: 0 });

    const kinds = fake.requests.webhook.splice(0).map((r) => (r.body as Alert).kind);
    expect(kinds).toEqual([
      "daemon_start",
      "control_action",
      "feed_down",
      "feed_up",
      "order_unknown",
      "daemon_stop",
    ]);
    // Pacing is tests/alerts/watch.test.ts's; here: the ticks drive it (a ping still in flight skips a beat).
    expect(fake.requests.ping.splice(0).length).toBeGreaterThanOrEqual(1);
    expect(existsSync(controlSocketPath(ledger)), "the socket is removed at stop").toBe(false);
    const lines = readFileSync(`${ledger}.log`, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === "a line for the log file" && l.tag === "daemon")).toBe(true);
    expect(w.toString()).toContain('hlbot_alerts_sent_total{notifier="webhook"}');
    emitAlert({ kind: "test", title: "after stop goes nowhere" });
    expect(fake.requests.webhook).toHaveLength(0);
    db.close();
  });
});

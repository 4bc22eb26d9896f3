// The tick-driven parts: heartbeat pacing (driven by ticks, not a timer), the health watch's
// transitions (halts in force / lifted, feed down after the grace / back), the daily summary sent
// once per UTC day from the ledger, the process-wide sink and the /metrics families.
import { afterAll, describe, expect, test } from "bun:test";
import type { AlertEvent } from "../../src/alerts/alert.ts";
import type { AlertStats } from "../../src/alerts/alerter.ts";
import { emitAlert, installAlertSink } from "../../src/alerts/bus.ts";
import { DailySummary } from "../../src/alerts/daily-summary.ts";
import { Heartbeat } from "../../src/alerts/heartbeat.ts";
import { writeAlertMetrics } from "../../src/alerts/metrics.ts";
import { HealthWatch } from "../../src/alerts/watch.ts";
import { PromWriter } from "../../src/api/prometheus.ts";
import type { HealthSnapshot } from "../../src/api/types.ts";
import { DAY_MS, HOUR_MS, utcDayStart } from "../../src/core/clock.ts";
import { buildLedgerFixture } from "../api/support/ledger-fixture.ts";
import { scratchDir } from "../support/paths.ts";
import { deadUrl, startFakeNotifiers } from "./support/fake-notifiers.ts";

const fake = startFakeNotifiers();
afterAll(() => fake.stop());

function collector() {
  const events: AlertEvent[] = [];
  return { events, sink: { emit: (e: AlertEvent) => void events.push(e) } };
}

describe("heartbeat", () => {
  test("pings at most once per interval, only when beaten; failures are counted", async () => {
    const hb = new Heartbeat({ url: `${fake.url}/ping/abc`, intervalMs: 5 * 60_000, timeoutMs: 2_000 });
    const t0 = Date.UTC(2025, 5, 1);
    for (const dt of [0, 30_000, 60_000, 299_000, 300_000, 330_000]) {
      hb.beat(t0 + dt);
      await hb.settled();
    }
    expect(fake.requests.ping.splice(0).map((r) => [r.method, r.path])).toEqual([
      ["GET", "/ping/abc"],
      ["GET", "/ping/abc"],
    ]);
    expect(hb.stats).toEqual({ ok: 2, failed: 0, lastOkAt: t0 + 300_000 });
    const dead = new Heartbeat({ url: `${deadUrl()}/ping`, intervalMs: 1, timeoutMs: 2_000 });
    dead.beat(t0);
    await dead.settled();
    expect(dead.stats.failed).toBe(1);
  });
});

function snapshot(over: Partial<HealthSnapshot>): HealthSnapshot {
  return {
    source: "daemon",
    version: "0",
    commit: "x",
    startedAt: 0,
    lastTickAt: 0,
    feed: { state: "live", lastMessageAt: 0 },
    halts: [],
    venue: null,
    ...over,
  };
}

describe("health watch", () => {
  test("halts: the first snapshot is the baseline; then each start and lift is one alert", () => {
    const { events, sink } = collector();
    const w = new HealthWatch(sink, 60_000);
    const daily = { name: "daily_loss_halt", reason: "daily loss limit hit", since: 0, until: DAY_MS };
    const kill = {
      name: "kill_switch",
      reason: "drawdown 15.3% breached the floor; needs hlbot resume",
      since: 0,
      until: null,
    };
    w.observe(snapshot({ halts: [daily] }), 0);
    expect(events).toEqual([]);
    w.observe(snapshot({ halts: [daily, kill] }), 30_000);
    w.observe(snapshot({ halts: [daily, kill] }), 60_000);
    w.observe(snapshot({ halts: [kill] }), 90_000);
    expect(events.map((e) => [e.kind, e.title])).toEqual([
      ["kill_switch", "KILL SWITCH in force: drawdown 15.3% breached the floor; needs hlbot resume"],
      ["halt_lifted", "halt lifted: daily_loss_halt"],
    ]);
  });

  test("feed: down only after the grace, once; back up says how long", () => {
    const { events, sink } = collector();
    const w = new HealthWatch(sink, 60_000);
    const down = snapshot({ feed: { state: "down", lastMessageAt: 0 } });
    w.observe(down, 0);
    w.observe(down, 30_000);
    w.observe(snapshot({}), 45_000); // a blip shorter than the grace: nothing
    w.observe(down, 100_000);
    w.observe(down, 160_000);
    w.observe(down, 190_000);
    w.observe(snapshot({}), 220_000);
    expect(events.map((e) => [e.kind, e.title])).toEqual([
      ["feed_down", "market feed down for 60 s"],
      ["feed_up", "market feed back after 120 s"],
    ]);
  });
});

describe("daily summary", () => {
  test("yesterday's closed trades per mode, once per day, surviving a restart", () => {
    const fx = buildLedgerFixture(scratchDir("hlbot-summary-"), { coins: ["BTC", "ETH"], bars: 24 * 5 });
    const { events, sink } = collector();
    const today = utcDayStart(fx.end);
    const yesterday = today - DAY_MS;
    const expected = fx.db
      .query(
        "SELECT COUNT(*) AS n, SUM(net_pnl) AS pnl FROM positions WHERE run_id = 0 AND status = 'closed' AND closed_at >= ?1 AND closed_at < ?2",
      )
      .get(yesterday, today) as { n: number; pnl: number | null };
    expect(expected.n, "the fixture closed trades yesterday").toBeGreaterThan(0);
    new DailySummary(fx.db, sink, 0).tick(today + 10 * 60_000);
    new DailySummary(fx.db, sink, 0).tick(today + HOUR_MS); // a restart the same day
    expect(events).toHaveLength(1);
    const date = new Date(yesterday).toISOString().slice(0, 10);
    expect(events[0]!.title).toBe(
      `daily summary ${date} (UTC): ${expected.n} closed trades, net ${(expected.pnl ?? 0).toFixed(2)} USDC`,
    );
    expect(events[0]!.text).toContain("shadow:");
    const late = new DailySummary(fx.db, sink, 6);
    late.tick(today + DAY_MS + 5 * HOUR_MS); // before 06:00 the next day: not yet
    expect(events).toHaveLength(1);
    late.tick(today + DAY_MS + 6 * HOUR_MS);
    expect(events).toHaveLength(2);
    fx.db.close();
  });
});

describe("process-wide sink and metrics", () => {
  test("emitAlert goes nowhere until a sink is installed; a throwing sink never breaks the caller", () => {
    const { events, sink } = collector();
    emitAlert({ kind: "test", title: "before" });
    const restore = installAlertSink(sink);
    emitAlert({ kind: "test", title: "after" });
    const restoreBad = installAlertSink({
      emit: () => {
        throw new Error("boom");
      },
    });
    expect(() => emitAlert({ kind: "test", title: "x" })).not.toThrow();
    restoreBad();
    restore();
    emitAlert({ kind: "test", title: "restored" });
    expect(events.map((e) => e.title)).toEqual(["after"]);
  });

  test("metric families name each notifier and drop reason", () => {
    const stats: AlertStats = {
      emitted: 9,
      belowSeverity: 0,
      throttled: 3,
      notifiers: {
        discord: { sent: 5, failed: 2, retries: 2, queued: 1, dropped: { queue_full: 4, gave_up: 1 } },
      },
    };
    const text = (() => {
      const w = new PromWriter();
      writeAlertMetrics(w, stats, { ok: 7, failed: 1, lastOkAt: 0 });
      return w.toString();
    })();
    for (const line of [
      'hlbot_alerts_sent_total{notifier="discord"} 5',
      'hlbot_alerts_failed_total{notifier="discord"} 2',
      'hlbot_alerts_dropped_total{notifier="discord",reason="queue_full"} 4',
      'hlbot_alerts_dropped_total{notifier="discord",reason="gave_up"} 1',
      'hlbot_alerts_queued{notifier="discord"} 1',
      "hlbot_alerts_throttled_total 3",
      'hlbot_heartbeat_pings_total{result="ok"} 7',
      'hlbot_heartbeat_pings_total{result="failed"} 1',
    ]) {
      expect(text).toContain(line);
    }
  });
});

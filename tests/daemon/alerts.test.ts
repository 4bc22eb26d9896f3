// The daemon's alerts on a fake JSON webhook, wired as `hlbot trade` wires them (issue 16): the kill
// switch, an order the exchange rejected, a position not covered by its stop, a position
// reconciliation adopted; a notifier that is down (never answers) while the daemon ticks: the ticks go
// on, every attempt and drop is counted in /metrics, the heartbeat still pings.
import { afterEach, describe, expect, test } from "bun:test";
import { formatPrice } from "../../src/hyperliquid/format.ts";
import { step } from "./support/harness.ts";
import { openLive } from "./support/live-rig.ts";
import { alertOf, alerts, metrics, type OpsRig, opsRig, stopOps } from "./support/ops-rig.ts";

let r: OpsRig | null = null;
let hanging: ReturnType<typeof Bun.serve> | null = null;
afterEach(async () => {
  if (r) await stopOps(r);
  r = null;
  hanging?.stop(true);
  hanging = null;
});

const sample = (text: string, name: string) => {
  const line = text.split("\n").find((l) => l.startsWith(name));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
};

describe("alerts from the running daemon", () => {
  test("the kill switch: one critical alert, seen in the ledger after the tick", async () => {
    r = await opsRig({ time: "2025-06-02T00:00:10Z", overrides: { "risk.drawdown_floor": 0.000001 } });
    await r.daemon.start();
    await step(r);
    await openLive(r, "ETH", 0.01);
    await step(r); // the fee and spread of the entry breach the floor
    expect(r.daemon.session!.engine.halts.kill).not.toBeNull();
    const kill = await alertOf(r, "kill_switch");
    expect(kill.severity).toBe("critical");
    expect(kill.label).toBe("custom LIVE");
    expect(kill.title).toContain("KILL SWITCH in force");
    await step(r);
    expect(alerts(r).filter((a) => a.kind === "kill_switch")).toHaveLength(1);
    expect(alerts(r)[0]!.kind).toBe("daemon_start");
  }, 60_000);

  test("an order rejected, a position its stop does not cover, a position adopted by reconciliation", async () => {
    r = await opsRig({ time: "2025-06-02T00:00:10Z" });
    const rig = r;
    // Someone opened ETH on the account by hand while hlbot was down: adopted at start-up.
    const ex = await rig.client.exchange();
    const order = (coin: string, size: string) =>
      ex.order([
        {
          coin,
          isBuy: true,
          price: formatPrice(rig.fake.mark(coin)! * 1.01, 1, "floor"),
          size,
          type: { limit: { tif: "Ioc" } },
        },
      ]);
    await order("ETH", "0.5");
    await r.daemon.start();
    const adopted = await alertOf(r, "reconcile_adopted");
    expect(adopted.title).toMatch(/^unknown ETH position 0\.5 adopted as position \d+$/);
    // … and given its exchange stop, which it had none of.
    const bare = await alertOf(r, "unprotected_position", (a) => a.key === "ETH");
    expect(bare.text).toMatch(/^live ETH position \d+ has no exchange stop: re-arming it at /);

    await step(r);
    r.fake.injectFault({
      kind: "reject",
      type: "order",
      times: 1,
      message: "Insufficient margin to place order.",
    });
    await expect(openLive(r, "SOL", 0.01)).rejects.toThrow("no SOL position opened");
    const rejected = await alertOf(r, "order_rejected");
    expect(rejected.title).toContain("entry order on SOL rejected");
    expect(rejected.title).toContain("Insufficient margin to place order.");

    await openLive(r, "LINK", 0.02);
    await order("LINK", "1.1"); // added by hand: the exchange holds more than the stop covers
    await step(r);
    const unprotected = await alertOf(r, "unprotected_position", (a) => a.key === "LINK");
    expect(unprotected.title).toMatch(/^live LINK position \d+ not \(fully\) covered by an exchange stop$/);
    expect(unprotected.text).toContain("re-arming the stop for all of it");
  }, 60_000);

  test("a notifier that never answers while the daemon ticks: ticks go on, /metrics counts it all", async () => {
    hanging = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Promise<Response>(() => {}) });
    r = await opsRig({
      time: "2025-06-02T00:00:10Z",
      webhookUrl: `http://127.0.0.1:${hanging.port}/hook`,
      overrides: { "alerts.timeout_ms": 100, "alerts.max_attempts": 2 },
    });
    await r.daemon.start();
    for (let i = 0; i < 10; i++) await step(r); // 5 minutes: 5 heartbeats due
    const s = r.daemon.stats();
    expect(s.ticks).toBe(10);
    expect(s.errors).toEqual({});
    await Bun.sleep(400); // the start alert's two attempts time out
    const text = await metrics(r);
    expect(sample(text, 'hlbot_alerts_sent_total{notifier="webhook"}')).toBe(0);
    expect(sample(text, 'hlbot_alerts_failed_total{notifier="webhook"}')).toBe(2);
    expect(sample(text, 'hlbot_alerts_dropped_total{notifier="webhook",reason="gave_up"}')).toBe(1);
    expect(sample(text, 'hlbot_alerts_dropped_total{notifier="webhook",reason="queue_full"}')).toBe(0);
    expect(sample(text, 'hlbot_alerts_queued{notifier="webhook"}')).toBe(0);
    expect(sample(text, "hlbot_alerts_throttled_total")).toBe(0);
    expect(sample(text, 'hlbot_heartbeat_pings_total{result="ok"}')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'hlbot_heartbeat_pings_total{result="failed"}')).toBe(0);
    expect(sample(text, "hlbot_ticks_total")).toBe(10);
  }, 60_000);
});

// `hlbot ctl` against the live daemon on the local venue, over the control socket the operator layer
// serves (issue 16): pause --path live stops live entries while shadow keeps opening; flatten whose
// first IOC does not fill is retried every tick until flat; close one live or shadow position; a
// rolled-back tick applies no control action and the next tick does; every action audited and alerted.
import { afterEach, describe, expect, test } from "bun:test";
import { ControlActionError } from "../../src/control/client.ts";
import { ControlRefusedError } from "../../src/control/target.ts";
import { Daemon } from "../../src/daemon/daemon.ts";
import { hyperliquidLivePath } from "../../src/daemon/live-path.ts";
import { writeDemoCandidates } from "../../src/demo/candidates.ts";
import { LedgerJournal } from "../../src/engine/journals.ts";
import type { MarketView } from "../../src/engine/ports.ts";
import type { Position } from "../../src/engine/position.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { candidate } from "../live/support.ts";
import { rig, shutdown, step } from "./support/harness.ts";
import { held, openLive, orderStatuses } from "./support/live-rig.ts";
import { alertOf, type OpsRig, opsRig, stopOps, viaTick } from "./support/ops-rig.ts";

let r: OpsRig | null = null;
afterEach(async () => {
  if (r) await stopOps(r);
  r = null;
});

const rows = (o: OpsRig, sql: string, ...args: (string | number)[]) =>
  o.db.query(sql).all(...args) as Record<string, unknown>[];

describe("hlbot ctl against the daemon", () => {
  test("pause --path live: live entries refused as `paused`, the shadow path keeps opening", async () => {
    // 15:00 on 2025-06-20 opens 5 shadow and 3 live positions on these coins (all buckets promoted).
    r = await opsRig({
      time: "2025-06-20T14:50:10Z",
      overrides: {
        "engine.coins": ["BTC", "AVAX", "DOGE", "ARB", "LINK", "OP"],
        "engine.history_bars": 1000,
      },
    });
    writeDemoCandidates(r.config.live.candidates_path, r.config, r.clock.now());
    await r.daemon.start();
    const paused = await viaTick(r, () => r!.ctl.pause(["live"]));
    expect(paused.message).toBe("paused new live entries");
    expect((await r.ctl.status()).paused).toEqual({ shadow: false, live: true });
    while (r.clock.now() < Date.parse("2025-06-20T15:00:10Z")) await step(r);

    const decided = rows(r, "SELECT mode, verdict, reasons FROM decisions WHERE run_id = 0");
    const live = decided.filter((d) => d.mode === "live");
    expect(live.length).toBe(3);
    for (const d of live) {
      expect(d.verdict).toBe("rejected");
      expect(JSON.parse(d.reasons as string)).toEqual(["paused"]);
    }
    expect(decided.filter((d) => d.mode === "shadow" && d.verdict === "open").length).toBe(5);
    expect(rows(r, "SELECT id FROM positions WHERE mode = 'live'")).toEqual([]);
    expect(r.fake.stats().exchange.order?.count ?? 0).toBe(0);
    // A pause is a halt record: /health shows it; audited before it ran, with its outcome; alerted.
    expect(r.attached.health.snapshot().halts.map((h) => h.name)).toContain("halt.paused_live");
    expect(rows(r, "SELECT action, args, ok, result FROM control_actions")).toEqual([
      { action: "pause", args: '{"paths":"live"}', ok: 1, result: "paused new live entries" },
    ]);
    const alert = await alertOf(r, "control_action");
    expect(alert.title).toBe("hlbot ctl pause: paused new live entries");

    const resumed = await viaTick(r, () => r!.ctl.resume());
    expect(resumed.message).toBe("resumed live");
    expect(r.daemon.session!.engine.paused).toEqual({ shadow: false, live: false });
    expect(r.attached.health.snapshot().halts.map((h) => h.name)).not.toContain("halt.paused_live");
  }, 90_000);

  test("flatten: the first IOC does not fill; reduce-only IOCs every tick until flat, alerted", async () => {
    r = await opsRig({ time: "2025-06-02T00:00:10Z" });
    await r.daemon.start();
    await step(r);
    const eth = await openLive(r, "ETH", 0.01);
    const sol = await openLive(r, "SOL", 0.01);
    r.fake.injectFault({
      kind: "reject",
      type: "order",
      times: 1,
      message: "Order could not immediately match against any resting orders.",
    });
    const first = await viaTick(r, () => r!.ctl.flatten());
    expect(first.message).toContain("flatten of 2 live positions:");
    expect(first.message).toContain(`closed SOL #${sol.id} at`);
    expect(first.message).toContain(`still open ETH #${eth.id}: reduce-only IOCs are sent again every tick`);
    expect(orderStatuses(r, "flatten")).toEqual(["rejected", "filled"]);
    expect(held(r, "ETH")).not.toBe(0);
    expect(held(r, "SOL")).toBe(0);
    expect((await r.ctl.status()).flattening).toEqual(["ETH"]);
    const incomplete = await alertOf(r, "flatten_incomplete");
    expect(incomplete.title).toBe("flatten not complete after 1 attempt(s): ETH still open");
    expect(incomplete.severity).toBe("critical");
    await alertOf(r, "order_rejected", (a) => a.title.startsWith("flatten order on ETH rejected"));

    await step(r); // retried under a new cloid: filled
    expect(orderStatuses(r, "flatten")).toEqual(["rejected", "filled", "filled"]);
    expect(held(r, "ETH")).toBe(0);
    expect(rows(r, "SELECT exit_reason FROM positions WHERE mode = 'live' ORDER BY id")).toEqual([
      { exit_reason: "manual" },
      { exit_reason: "manual" },
    ]);
    const sent = r.fake.stats().exchange.order?.count ?? 0;
    await step(r); // flat: nothing more is sent, the request is forgotten
    expect(r.fake.stats().exchange.order?.count ?? 0).toBe(sent);
    expect(rows(r, "SELECT key FROM bot_state WHERE key = 'control.closing'")).toEqual([]);
    expect((await r.ctl.status()).flattening).toEqual([]);
    const again = r.ctl.flatten();
    await expect(again).rejects.toBeInstanceOf(ControlActionError);
    await expect(again).rejects.toThrow("no open live position");
  }, 60_000);

  test("a flatten still incomplete when the daemon stops goes on after the restart", async () => {
    r = await opsRig({ time: "2025-06-02T00:00:10Z" });
    const o = r;
    await o.daemon.start();
    await step(o);
    const eth = await openLive(o, "ETH", 0.01);
    o.fake.injectFault({ kind: "reject", type: "order", times: 1, message: "no liquidity" });
    expect((await viaTick(o, () => o.ctl.flatten("ETH"))).message).toContain("still open ETH");
    await o.daemon.close();
    expect(rows(o, "SELECT value FROM bot_state WHERE key = 'control.closing'")).toHaveLength(1);

    o.fake.advance(1_000); // a restart: the new signer's nonces come after the old one's
    const client = new HyperliquidClient(
      o.config.hyperliquid,
      { privateKey: o.acct.privateKey as `0x${string}`, accountAddress: o.acct.address as `0x${string}` },
      { clock: o.clock, rateClock: o.clock, sleep: o.sleep },
    );
    const restarted = new Daemon({ ...o.daemon.deps, client, live: hyperliquidLivePath });
    try {
      await restarted.start();
      await restarted.tick();
      expect(orderStatuses(o, "flatten")).toEqual(["rejected", "filled"]);
      expect(held(o, "ETH")).toBe(0);
      const row = o.db.query("SELECT status, exit_reason FROM positions WHERE id = ?1").get(eth.id);
      expect(row).toEqual({ status: "closed", exit_reason: "manual" });
    } finally {
      await restarted.close();
    }
  }, 60_000);

  test("close POSITION_ID: one live position by a reduce-only IOC, one shadow position at the mid", async () => {
    r = await opsRig({ time: "2025-06-02T00:00:10Z" });
    await r.daemon.start();
    await step(r);
    const eth = await openLive(r, "ETH", 0.01);
    const btc = await openLive(r, "BTC", 0.01);
    const shadow = openShadow(r, "SOL");

    const live = await viaTick(r, () => r!.ctl.close(eth.id));
    expect(live.message).toMatch(
      new RegExp(`^close of live position ${eth.id}: closed ETH #${eth.id} at \\d`),
    );
    expect(held(r, "ETH")).toBe(0);
    expect(held(r, "BTC")).not.toBe(0); // only the one asked for
    const sim = await viaTick(r, () => r!.ctl.close(shadow.id));
    expect(sim.message).toContain(`close of shadow position ${shadow.id}: closed SOL #${shadow.id} at`);
    expect(rows(r, "SELECT id, status, exit_reason FROM positions ORDER BY id")).toEqual([
      { id: eth.id, status: "closed", exit_reason: "manual" },
      { id: btc.id, status: "open", exit_reason: null },
      { id: shadow.id, status: "closed", exit_reason: "manual" },
    ]);
    // Refused at once, nothing queued: an unknown id, a closed position.
    await expect(r.ctl.close(99_999)).rejects.toThrow("no position 99999 in this daemon's ledger");
    await expect(r.ctl.close(eth.id)).rejects.toThrow(`live position ${eth.id} (ETH) is already closed`);
    expect(r.daemon.control.queued).toBe(0);
    const audit = rows(r, "SELECT action, ok FROM control_actions ORDER BY id");
    expect(audit).toEqual([
      { action: "close", ok: 1 },
      { action: "close", ok: 1 },
      { action: "close", ok: 0 },
      { action: "close", ok: 0 },
    ]);
    await alertOf(r, "control_action", (a) =>
      a.title.startsWith("hlbot ctl close refused: no position 99999"),
    );
  }, 60_000);

  test("a rolled-back tick applies no control action; the next committed tick does", async () => {
    r = await opsRig({ time: "2025-06-02T00:00:10Z" });
    await r.daemon.start();
    await step(r);
    r.db.run(`CREATE TEMP TRIGGER fail_tick BEFORE INSERT ON bot_state
      BEGIN SELECT RAISE(ABORT, 'injected ledger failure'); END`);
    let answered = false;
    const answer = r.ctl.pause(["shadow", "live"]).finally(() => {
      answered = true;
    });
    const queued = r.daemon.control.queued;
    while (r.daemon.control.queued === queued) await Bun.sleep(5);
    await step(r);
    expect(r.daemon.stats().errors.ledger).toBe(1);
    expect(answered).toBe(false);
    expect(r.daemon.control.pauses.state()).toEqual({ shadow: false, live: false });
    expect(rows(r, "SELECT key FROM bot_state WHERE key LIKE 'halt.paused_%'")).toEqual([]);
    r.db.run("DROP TRIGGER fail_tick");
    await step(r);
    expect((await answer).message).toBe("paused new shadow + live entries");
    expect(rows(r, "SELECT key FROM bot_state WHERE key LIKE 'halt.paused_%' ORDER BY key")).toEqual([
      { key: "halt.paused_live" },
      { key: "halt.paused_shadow" },
    ]);
  }, 60_000);

  test("a shadow-only daemon refuses flatten at once", async () => {
    const shadowOnly = rig({ time: "2025-06-02T00:00:10Z" });
    try {
      expect(() => shadowOnly.daemon.control.flatten()).toThrow(ControlRefusedError);
      expect(() => shadowOnly.daemon.control.flatten()).toThrow("no live path: this daemon runs shadow only");
    } finally {
      await shutdown(shadowOnly);
    }
  });
});

/** Opens a shadow position on `coin` through the running engine's shadow book, as a tick's entry would. */
function openShadow(o: OpsRig, coin: string): Position {
  const engine = o.daemon.session!.engine;
  const px = o.fake.mark(coin)!;
  const view: MarketView = {
    now: o.clock.now(),
    closedBars: [],
    segments: new Map(),
    funding: [],
    price: (c) => o.fake.mark(c) ?? undefined,
  };
  const c = candidate(coin, px, 0.02);
  const plan = engine.shadow.plan(c, view);
  if (!plan.ok) throw new Error(plan.reason);
  const id = new LedgerJournal(o.db, 0, o.clock).recordDecision({
    mode: "shadow",
    candidate: c,
    verdict: "open",
    reasons: [],
    modelVersion: "v4",
  });
  engine.shadow.enter(plan, id, o.clock.now());
  return engine.shadow.open.find((p) => p.coin === coin)!;
}

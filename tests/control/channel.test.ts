// The control channel end to end over a real unix socket: a fake ControlTarget, the client, the
// socket's 0600 mode and the client's refusal of a socket with the wrong mode, bad requests, the
// audit row written for every action (before it runs) and the alert emitted.

import type { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AlertEvent } from "../../src/alerts/alert.ts";
import { ControlAudit } from "../../src/control/audit.ts";
import { ControlActionError, controlClient, controlRequest } from "../../src/control/client.ts";
import { type ControlServer, startControlServer } from "../../src/control/server.ts";
import {
  ControlSocketError,
  ControlUnavailableError,
  controlSocketPath,
} from "../../src/control/socket-file.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { scratchDir } from "../support/paths.ts";
import { FakeTarget } from "./support/fake-target.ts";

let db: Database;
let server: ControlServer;
let target: FakeTarget;
const alerts: AlertEvent[] = [];
const clock = new ManualClock(Date.UTC(2025, 5, 1, 12));
const dir = scratchDir("hlbot-ctl-");
const path = controlSocketPath(join(dir, "hlbot.db"));

/** The error a request failed with (the test fails if it succeeded). */
function failure(p: Promise<unknown>): Promise<{ message: string; exitCode: number; errorKind?: string }> {
  return p.then(
    () => {
      throw new Error("expected the request to fail");
    },
    (e: unknown) => e as { message: string; exitCode: number; errorKind?: string },
  );
}

/** Raw line exchange, for requests the typed client would never send. */
async function rawExchange(line: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buf = "";
    Bun.connect({
      unix: path,
      socket: {
        open: (s) => void s.write(line),
        data(s, chunk) {
          buf += chunk.toString();
          const nl = buf.indexOf("\n");
          if (nl >= 0) {
            s.end();
            resolve(JSON.parse(buf.slice(0, nl)));
          }
        },
        error: (_s, e) => reject(e),
      },
    }).catch(reject);
  });
}

beforeAll(async () => {
  db = openLedger(join(dir, "hlbot.db"));
  target = new FakeTarget(db, () => clock.now());
  server = await startControlServer({
    path,
    target,
    db,
    clock,
    alerts: { emit: (e) => void alerts.push(e) },
  });
});
afterAll(() => {
  server.stop();
  db.close();
});

describe("control socket", () => {
  test("lives beside the ledger with mode 0600", () => {
    expect(path).toBe(join(dir, "hlbot.db.ctl.sock"));
    const st = statSync(path);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
  });

  test("status, pause, resume, flatten, close through the client", async () => {
    const ctl = controlClient(path);
    expect((await ctl.status()).paused).toEqual({ shadow: false, live: false });
    expect((await ctl.pause(["live"])).message).toBe("paused new live entries");
    expect((await ctl.status()).paused).toEqual({ shadow: false, live: true });
    expect(db.query("SELECT value FROM bot_state WHERE key = 'halt.paused_live'").get()).not.toBeNull();
    expect((await ctl.resume()).message).toBe("resumed live");
    expect((await ctl.flatten("BTC")).message).toBe("flattening 1 live position(s): BTC");
    expect((await ctl.close(7)).message).toBe("closing live position 7 (BTC)");
    expect(target.calls.filter((c) => c[0] !== "status")).toEqual([
      ["pause", ["live"]],
      ["resume"],
      ["flatten", "BTC"],
      ["close", 7],
    ]);
  });

  test("every action is audited with its outcome and alerted; status is neither", async () => {
    const before = new ControlAudit(db).recent(100).length;
    alerts.length = 0;
    await controlRequest(path, { action: "status" });
    await expect(controlRequest(path, { action: "close", position_id: 99 })).rejects.toThrow(
      "no open live position 99",
    );
    await expect(controlRequest(path, { action: "close", position_id: 8 })).rejects.toThrow(
      "exchange unreachable",
    );
    await controlRequest(path, { action: "pause", paths: ["shadow", "live"] });
    const rows = new ControlAudit(db).recent(3).reverse();
    expect(new ControlAudit(db).recent(100).length - before).toBe(3);
    expect(rows.map((r) => [r.action, r.args, r.ok, r.result])).toEqual([
      ["close", '{"position_id":99}', 0, "no open live position 99"],
      ["close", '{"position_id":8}', 0, "exchange unreachable"],
      ["pause", '{"paths":"shadow,live"}', 1, "paused new shadow + live entries"],
    ]);
    expect(rows[0]!.client_pid).toBe(process.pid);
    expect(rows[0]!.t).toBe(clock.now());
    expect(alerts.map((a) => [a.kind, a.severity ?? "info", a.title])).toEqual([
      ["control_action", "warning", "hlbot ctl close refused: no open live position 99"],
      ["control_action", "warning", "hlbot ctl close refused: exchange unreachable"],
      ["control_action", "info", "hlbot ctl pause: paused new shadow + live entries"],
    ]);
    await controlRequest(path, { action: "resume" });
  });

  test("the kind of a refusal and of a failure reach the client", async () => {
    target.live = false;
    const error = await failure(controlRequest(path, { action: "flatten" }));
    target.live = true;
    expect(error).toBeInstanceOf(ControlActionError);
    expect(error.errorKind).toBe("refused");
    expect(error.message).toBe("no live path: this daemon runs shadow only");
    const failed = await failure(controlRequest(path, { action: "close", position_id: 8 }));
    expect(failed.errorKind).toBe("failed");
  });

  test("bad requests are answered with what is wrong, audited as nothing, and break nothing", async () => {
    const before = new ControlAudit(db).recent(1000).length;
    expect(await rawExchange("not json\n")).toMatchObject({ ok: false, error: { kind: "bad_request" } });
    const unknown = await rawExchange(`${JSON.stringify({ v: 1, id: "x1", action: "buy", coin: "BTC" })}\n`);
    expect(unknown).toMatchObject({ id: "x1", ok: false, error: { kind: "bad_request" } });
    const badCoin = await rawExchange(
      `${JSON.stringify({ v: 1, action: "flatten", coin: "BTC; rm -rf" })}\n`,
    );
    expect(String((badCoin.error as { message: string }).message)).toContain("coin: expected a coin name");
    const badId = await rawExchange(`${JSON.stringify({ v: 1, action: "close", position_id: -3 })}\n`);
    expect(String((badId.error as { message: string }).message)).toContain("position_id");
    const extra = await rawExchange(`${JSON.stringify({ v: 1, action: "resume", force: true })}\n`);
    expect(extra).toMatchObject({ ok: false, error: { kind: "bad_request" } });
    const wrongVersion = await rawExchange(`${JSON.stringify({ v: 2, action: "status" })}\n`);
    expect(wrongVersion.ok).toBe(false);
    const huge = await rawExchange(`{"v":1,"action":"status","pad":"${"x".repeat(70_000)}`);
    expect(String((huge.error as { message: string }).message)).toContain("longer than");
    expect(new ControlAudit(db).recent(1000).length).toBe(before);
    expect((await controlClient(path).status()).live).toBe(true);
  });
});

describe("socket safety", () => {
  test("the client refuses a socket whose mode is not 0600, and a path that is not a socket", async () => {
    chmodSync(path, 0o666);
    try {
      const error = await failure(controlRequest(path, { action: "status" }));
      expect(error).toBeInstanceOf(ControlSocketError);
      expect(error.message).toContain("mode 0666; only 0600");
      expect(error.exitCode).toBe(2);
    } finally {
      chmodSync(path, 0o600);
    }
    const plain = join(dir, "plain.ctl.sock");
    writeFileSync(plain, "");
    chmodSync(plain, 0o600);
    await expect(controlRequest(plain, { action: "status" })).rejects.toThrow("is not a socket");
  });

  test("no socket: ControlUnavailableError (exit 69); a stale socket file is replaced at start", async () => {
    const other = scratchDir("hlbot-ctl-");
    const p = controlSocketPath(join(other, "hlbot.db"));
    const error = await failure(controlRequest(p, { action: "status" }));
    expect(error).toBeInstanceOf(ControlUnavailableError);
    expect(error.exitCode).toBe(69);
    const odb = openLedger(join(other, "hlbot.db"));
    const first = await startControlServer({ path: p, target: new FakeTarget(odb, () => 0), db: odb, clock });
    await expect(
      startControlServer({ path: p, target: new FakeTarget(odb, () => 0), db: odb, clock }),
    ).rejects.toThrow("another process already listens");
    first.stop();
    // A daemon killed with SIGKILL leaves its socket file behind, with nobody listening.
    const child = Bun.spawn([
      process.execPath,
      "-e",
      `Bun.listen({unix:${JSON.stringify(p)},socket:{data(){}}}); setInterval(()=>{},1000)`,
    ]);
    for (let i = 0; i < 200 && !existsSync(p); i++) await Bun.sleep(10);
    child.kill("SIGKILL");
    await child.exited;
    expect(statSync(p).isSocket(), "the dead listener's socket file is still there").toBe(true);
    const again = await startControlServer({ path: p, target: new FakeTarget(odb, () => 0), db: odb, clock });
    expect((await controlClient(p).status()).live).toBe(true);
    again.stop();
    odb.close();
  });

  test("a path too long for a unix socket is a clear error", async () => {
    const long = `/tmp/${"d".repeat(120)}/hlbot.db.ctl.sock`;
    await expect(controlRequest(long, { action: "status" })).rejects.toThrow("longer than 107 bytes");
  });
});

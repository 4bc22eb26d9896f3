// `hlbot ctl` as a process against a control server with a fake daemon behind it: output, exit codes
// (0 done, 1 refused, 2 usage / unsafe socket, 69 no daemon) and the --yes rule for flatten/close.

import type { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { type ControlServer, startControlServer } from "../../src/control/server.ts";
import { controlSocketPath } from "../../src/control/socket-file.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { runHlbot, writeConfig } from "../cli/support/daemon-process.ts";
import { scratchDir } from "../support/paths.ts";
import { FakeTarget } from "./support/fake-target.ts";

const dir = scratchDir("hlbot-ctlcli-");
const ledger = join(dir, "hlbot.db");
const config = writeConfig({ ledger: { path: ledger } }, dir);
const clock = new ManualClock(Date.now());
let db: Database;
let server: ControlServer;
let target: FakeTarget;
const ctl = (...args: string[]) => runHlbot(["ctl", ...args, "--config", config], dir);

beforeAll(async () => {
  db = openLedger(ledger);
  target = new FakeTarget(db, () => clock.now());
  server = await startControlServer({ path: controlSocketPath(ledger), target, db, clock });
});
afterAll(() => {
  server.stop();
  db.close();
});

describe("hlbot ctl", () => {
  test("status, pause --path live, resume", async () => {
    const s = await ctl("status");
    expect(s.code).toBe(0);
    expect(s.out).toContain("daemon: shadow + LIVE");
    expect(s.out).toContain("new entries: allowed");
    expect((await ctl("pause", "--path", "live")).out.trim()).toBe("paused new live entries");
    expect((await ctl("status")).out).toContain("new entries: PAUSED on live");
    const json = JSON.parse((await ctl("status", "--json")).out);
    expect(json.paused).toEqual({ shadow: false, live: true });
    expect((await ctl("resume")).out.trim()).toBe("resumed live");
    expect((await ctl("pause")).out.trim()).toBe("paused new shadow + live entries");
    await ctl("resume");
  }, 60_000);

  test("flatten and close need --yes without a terminal (exit 2, nothing sent)", async () => {
    const before = target.calls.length;
    const r = await ctl("flatten");
    expect(r.code).toBe(2);
    expect(r.err).toContain("pass --yes to confirm");
    expect(target.calls.length).toBe(before);
    const f = await ctl("flatten", "BTC", "--yes");
    expect(f.code).toBe(0);
    expect(f.out.trim()).toBe("flattening 1 live position(s): BTC");
    expect(target.calls.at(-1)).toEqual(["flatten", "BTC"]);
  }, 60_000);

  test("a refusal is exit 1 with the daemon's reason; a bad id is exit 2", async () => {
    const r = await ctl("close", "99", "--yes");
    expect(r.code).toBe(1);
    expect(r.err).toContain("no open live position 99");
    const bad = await ctl("close", "abc", "--yes");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("POSITION_ID abc");
  }, 60_000);

  test("an unsafe socket is exit 2; no daemon is exit 69", async () => {
    chmodSync(controlSocketPath(ledger), 0o660);
    try {
      const r = await ctl("status");
      expect(r.code).toBe(2);
      expect(r.err).toContain("only 0600");
    } finally {
      chmodSync(controlSocketPath(ledger), 0o600);
    }
    const other = scratchDir("hlbot-ctlcli-");
    const cfg = writeConfig({ ledger: { path: join(other, "hlbot.db") } }, other);
    const r = await runHlbot(["ctl", "status", "--config", cfg], other);
    expect(r.code).toBe(69);
    expect(r.err).toContain("is `hlbot trade` running");
  }, 60_000);
});

// `hlbot tui` once in a real terminal: tmux runs the command over a real-data ledger (no API
// listening) with a control server behind the socket; capture-pane reads the screen, send-keys
// presses p l (pause live) and q. Skipped, saying so, where tmux is not installed
// (scripts/ensure-tmux.sh installs it for `make test`). CI=true is set on purpose: a CI-like
// environment once made ink write nothing until exit (the TUI forces interactive on a TTY).
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type ControlServer, startControlServer } from "../../src/control/server.ts";
import { controlSocketPath } from "../../src/control/socket-file.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { buildLedgerFixture } from "../api/support/ledger-fixture.ts";
import { freePort, writeConfig } from "../cli/support/daemon-process.ts";
import { FakeTarget } from "../control/support/fake-target.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";
import { TMUX, tmuxSession } from "./support/tmux-session.ts";

if (!TMUX)
  console.warn("tests/tui/terminal.test.ts: tmux is not installed — the real-terminal test is SKIPPED");

const session = `hlbot-tui-${process.pid}`;
const { run: tmux, keys, until, kill } = tmuxSession(session);

let server: ControlServer | null = null;
afterAll(() => {
  kill();
  server?.stop();
});

describe("hlbot tui in a real terminal", () => {
  test.skipIf(!TMUX)(
    "draws the dashboard from the ledger; p l pauses live over the socket; q quits",
    async () => {
      const dir = scratchDir("hlbot-tui-");
      const fx = buildLedgerFixture(dir, { coins: ["BTC", "ETH"], bars: 24 * 4 });
      const config = writeConfig({ ledger: { path: fx.path }, api: { port: freePort() } }, dir);
      const target = new FakeTarget(fx.db, () => Date.now());
      server = await startControlServer({
        path: controlSocketPath(fx.path),
        target,
        db: fx.db,
        clock: new ManualClock(Date.now()),
      });
      const cmd = `cd ${dir} && CI=true ${process.execPath} ${join(REPO_ROOT, "src", "main.ts")} tui --config ${config} --refresh-seconds 1; echo "tui exited $?"; sleep 30`;
      const started = tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", cmd);
      expect(started.exitCode, String(started.stderr)).toBe(0);
      const first = await until("Latest decisions");
      expect(first).toContain(`ledger ${fx.path} (read-only)`);
      expect(first).toContain("Open positions");
      expect(first).toContain("[p] pause  [r] resume  [f] flatten");
      keys("p");
      await until("[b]oth [l]ive [s]hadow");
      keys("l");
      await until("paused new live entries");
      await until("new entries: PAUSED live");
      expect(target.calls.filter((c) => c[0] === "pause")).toEqual([["pause", ["live"]]]);
      keys("q");
      await until("tui exited 0");
      fx.db.close();
    },
    90_000,
  );
});

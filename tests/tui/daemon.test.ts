// `hlbot tui` against a running `hlbot trade` (issue 16), in a real terminal: tmux runs the TUI, which
// reads the daemon's API and drives it over its control socket; p l pauses live entries (applied by
// the daemon's next tick, shown on screen from the daemon's own status), r resumes, q quits. Skipped,
// saying so, where tmux is not installed (scripts/ensure-tmux.sh installs it for `make test`).
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { utcDayStart, wallClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { freePort, spawnHlbot, waitFor, writeConfig } from "../cli/support/daemon-process.ts";
import { startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";
import { TMUX, tmuxSession } from "./support/tmux-session.ts";

if (!TMUX)
  console.warn("tests/tui/daemon.test.ts: tmux is not installed — the real-terminal test is SKIPPED");

const session = `hlbot-tui-daemon-${process.pid}`;
const { run: tmux, keys, until, kill } = tmuxSession(session);

// A day of the real data replayed as today on the wall clock, as `hlbot exchange` serves it.
const now = wallClock.now();
const venue = startFakeHyperliquid({
  time: now,
  timeShiftMs: utcDayStart(now) - utcDayStart(Date.parse("2025-06-02T00:00:00Z")),
  clock: wallClock,
  rateLimit: false,
  nonceClock: "wall",
});
let daemon: ReturnType<typeof spawnHlbot> | null = null;
afterAll(async () => {
  kill();
  daemon?.proc.kill("SIGTERM");
  await daemon?.exited;
  await venue.stop();
});

describe("hlbot tui against a running daemon", () => {
  test.skipIf(!TMUX)(
    "shows the daemon's API; p l pauses live through the socket, r resumes; q quits",
    async () => {
      const dir = scratchDir("hlbot-tuid-");
      const ledger = join(dir, "hlbot.db");
      const port = freePort();
      const config = writeConfig(
        {
          engine: { coins: ["BTC", "ETH"], tick_seconds: 1, history_bars: 100 },
          hyperliquid: {
            network: "custom",
            http_url: venue.url,
            ws_url: venue.wsUrl,
            request_timeout_ms: 1000,
          },
          ledger: { path: ledger },
          live: { candidates_path: join(dir, "live_candidates.json") },
          daemon: { tick_offset_ms: 0, rest_deadline_ms: 1000, ws_sample_ms: 200 },
          api: { enabled: true, port },
          log: { file: true },
        },
        dir,
      );
      daemon = spawnHlbot(["trade", "--config", config, "--log-format", "json"], dir);
      await waitFor(
        () =>
          fetch(`http://127.0.0.1:${port}/health`).then(
            async (r) => ((await r.json()) as { last_tick_at: unknown }).last_tick_at ?? undefined,
            () => undefined,
          ),
        45_000,
      );
      const cmd = `cd ${dir} && CI=true ${process.execPath} ${join(REPO_ROOT, "src", "main.ts")} tui --config ${config} --refresh-seconds 1; echo "tui exited $?"; sleep 30`;
      const started = tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "50", cmd);
      expect(started.exitCode, String(started.stderr)).toBe(0);
      const first = await until("Latest decisions");
      expect(first).toContain(`API http://127.0.0.1:${port}`);
      expect(first).toContain("[p] pause  [r] resume  [f] flatten");
      await until("new entries: allowed");
      keys("p");
      await until("[b]oth [l]ive [s]hadow");
      keys("l");
      await until("paused new live entries");
      await until("new entries: PAUSED live");
      keys("r");
      await until("resumed live");
      await until("new entries: allowed");
      keys("q");
      await until("tui exited 0");
      const db = openLedger(ledger, { readonly: true });
      expect(db.query("SELECT action, args, ok FROM control_actions ORDER BY id").all()).toEqual([
        { action: "pause", args: '{"paths":"live"}', ok: 1 },
        { action: "resume", args: "{}", ok: 1 },
      ]);
      db.close();
    },
    90_000,
  );
});

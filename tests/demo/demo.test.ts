// `hlbot demo` for real, as `make run` starts it: the COMPILED binary (dist/hlbot, built by `make build`
// before the tests) in a fresh temp folder with no ../shared beside it and no bun on PATH, at 600×.
// Over its API and its venue: ticks, decisions, a closed shadow trade, a live order filled on the
// local venue with its reduce-only stop resting, /health in demo mode on a loopback venue; the
// dashboard in headless Chromium with every panel filled (reports/demo-dashboard.png); SIGTERM → 0.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../api/dashboard/browser.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const BIN = join(REPO_ROOT, "dist", "hlbot");
const MAINNET_ENV = {
  HLBOT_HYPERLIQUID__NETWORK: "mainnet",
  HL_PRIVATE_KEY: `0x${"11".repeat(32)}`,
  HL_ACCOUNT_ADDRESS: `0x${"22".repeat(20)}`,
};
/** The whole run, start to SIGTERM, stays inside this (the bound). */
const RUN_LIMIT_MS = 60_000;

// biome-ignore lint/suspicious/noExplicitAny: JSON of the API and the venue, read field by field
type Json = any;

let proc: ReturnType<typeof Bun.spawn>;
let dir: string;
let stdout = "";
let stderr = "";
let api: string;
let venue: string;
let account: string;
let started: number;

async function drain(stream: ReadableStream<Uint8Array>, sink: (s: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    sink(decoder.decode(value, { stream: true }));
  }
}

const get = (path: string): Promise<Json> => fetch(`${api}${path}`).then((r) => r.json());
const info = (body: Record<string, unknown>): Promise<Json> =>
  fetch(`${venue}/info`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());

/** Polls until `probe` returns a value, within what is left of the run's time limit. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (performance.now() - started > RUN_LIMIT_MS - 5_000)
      throw new Error(`demo: ${what} not seen in time\n${stderr.slice(-3000)}`);
    await Bun.sleep(100);
  }
}

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error("dist/hlbot missing: run `make build` (make test does)");
  // A folder of its own two levels down, so its ../shared cannot be any shared data set on the machine.
  dir = join(scratchDir("hlbot-demo-run-"), "clone");
  mkdirSync(dir);
  started = performance.now();
  proc = Bun.spawn([BIN, "demo", "--speed", "600", "--port", "0", "--log-format", "json"], {
    cwd: dir,
    // An environment set up for mainnet: the demo must use none of it.
    env: { PATH: "/usr/bin:/bin", HOME: dir, TMPDIR: dir, ...MAINNET_ENV },
    stdout: "pipe",
    stderr: "pipe",
  });
  void drain(proc.stdout as ReadableStream<Uint8Array>, (s) => {
    stdout += s;
  });
  void drain(proc.stderr as ReadableStream<Uint8Array>, (s) => {
    stderr += s;
  });
  await until("the banner", async () => (/dashboard\s+http:/.test(stdout) ? true : undefined));
  api = /dashboard\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)![1]!;
  venue = /venue\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
  account = /demo account (0x[0-9a-f]{40})/.exec(stdout)![1]!;
}, RUN_LIMIT_MS);

afterAll(() => {
  if (proc.exitCode === null) proc.kill("SIGKILL");
});

describe("hlbot demo (compiled binary, fresh folder, 600×)", () => {
  test("runs where nothing of the repo is: no ../shared, no bun on PATH", () => {
    expect(existsSync(join(dir, "..", "shared"))).toBe(false);
    expect(stdout).toContain("hlbot DEMO");
    expect(stdout).toContain("Ctrl-C");
    expect(stdout).toContain("hlbot trade --live");
    // Its ledger is a fresh file in a new temp folder, never the configured ledger.path (data/hlbot.db).
    expect(/ledger\s+(\S+)/.exec(stdout)![1]).toStartWith(join(dir, "hlbot-demo-"));
    expect(existsSync(join(dir, "data"))).toBe(false);
  });

  test("/health: demo mode, network custom, the loopback venue, live path on — whatever the environment says", async () => {
    // venue.live says the live path is RUNNING (not merely asked for): it is once its start-up is done.
    const h = await until("the live path running", async () => {
      const health = await get("/health");
      return health.venue?.live === true ? health : undefined;
    });
    expect(h.venue).toEqual({ network: "custom", demo: true, url: venue, live: true });
    expect(new URL(h.venue.url).hostname).toBe("127.0.0.1");
    // The live path trades the venue's demo account, not the one the environment names.
    expect(account).not.toBe(MAINNET_ENV.HL_ACCOUNT_ADDRESS);
    expect(stdout + stderr).not.toContain("11".repeat(32));
  });

  test(
    "ticks and decisions",
    async () => {
      const ticks = await until("a tick", async () => {
        const m = /hlbot_ticks_total (\d+)/.exec(await fetch(`${api}/metrics`).then((r) => r.text()));
        return m && Number(m[1]) > 0 ? Number(m[1]) : undefined;
      });
      expect(ticks).toBeGreaterThan(0);
      const decisions = await until("a decision", async () => {
        const d = await get("/decisions?limit=5");
        return d.decisions.length > 0 ? d.decisions : undefined;
      });
      expect(decisions.length).toBeGreaterThan(0);
    },
    RUN_LIMIT_MS,
  );

  test(
    "a live order filled on the local venue, its reduce-only stop resting there",
    async () => {
      const stop = await until("a filled live entry with its resting stop", async () => {
        const [fills, orders, state] = await Promise.all([
          info({ type: "userFills", user: account }),
          info({ type: "frontendOpenOrders", user: account }),
          info({ type: "clearinghouseState", user: account }),
        ]);
        const open = new Set(
          state.assetPositions
            .filter((p: Json) => Number(p.position.szi) !== 0)
            .map((p: Json) => p.position.coin),
        );
        if (fills.length === 0) return undefined;
        return orders.find((o: Json) => o.isTrigger && o.reduceOnly && open.has(o.coin));
      });
      expect(stop.orderType).toContain("Stop");
      const live = await get("/positions?mode=live");
      expect(live.positions.map((p: Json) => p.coin)).toContain(stop.coin);
    },
    RUN_LIMIT_MS,
  );

  test(
    "a closed shadow trade",
    async () => {
      const trades = await until("a closed shadow trade", async () => {
        const t = await get("/trades?mode=shadow&limit=5");
        return t.trades.length > 0 ? t.trades : undefined;
      });
      expect(trades[0].exit_reason).toBeTruthy();
    },
    RUN_LIMIT_MS,
  );

  test(
    "the dashboard during the demo: every panel filled (screenshot: reports/demo-dashboard.png)",
    async () => {
      await until("open positions", async () =>
        (await get("/positions")).positions.length > 0 ? true : undefined,
      );
      let browser: BrowserContext | undefined;
      try {
        browser = await launchBrowser();
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on("pageerror", (e) => problems.push(e.message));
        await page.goto(`${api}/`);
        await page.waitForSelector("body[data-loaded]", { timeout: 15_000 });
        for (const panel of ["positions", "trades", "decisions"])
          expect(await page.$$(`#${panel} tbody tr[data-id]`)).not.toHaveLength(0);
        // The DEMO banner is the report engineer's; it is asserted where the dashboard already has it.
        if (await page.$("#demo-banner")) expect(await page.isVisible("#demo-banner")).toBe(true);
        mkdirSync(join(REPO_ROOT, "reports"), { recursive: true });
        await page.screenshot({ path: join(REPO_ROOT, "reports", "demo-dashboard.png"), fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await browser?.close();
      }
    },
    RUN_LIMIT_MS,
  );

  test("every log line is labelled DEMO; SIGTERM → exit 0, inside the time limit", async () => {
    proc.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(RUN_LIMIT_MS);
    const lines = stderr.split("\n").filter((l) => l.startsWith("{"));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(JSON.parse(line).tag).toMatch(/^DEMO/);
    expect(stderr).toContain("stopping after the current tick");
  }, 20_000);
});

describe("hlbot demo: bad flags", () => {
  test("exit 2 naming the flag, before anything starts", () => {
    const cwd = scratchDir("hlbot-demo-flags-");
    writeFileSync(join(cwd, "old.db"), "");
    const cases: [string[], string][] = [
      [["--speed", "0"], "--speed 0"],
      [["--speed", "fast"], "--speed fast"],
      [["--from", "2025-01-01"], "the bundled sample replays"],
      [["--from", "soon"], "not a date"],
      [["--port", "99999"], "--port 99999"],
      [["--db", "old.db"], "exists"],
      [["--db", "data/hlbot.db"], "the production ledger"],
    ];
    for (const [args, message] of cases) {
      const p = Bun.spawnSync([BIN, "demo", ...args], { cwd, env: { PATH: "/usr/bin:/bin", TMPDIR: cwd } });
      expect([args, p.exitCode]).toEqual([args, 2]);
      expect(p.stderr.toString()).toContain(message);
    }
    expect(existsSync(join(cwd, "data"))).toBe(false);
  }, 30_000);
});

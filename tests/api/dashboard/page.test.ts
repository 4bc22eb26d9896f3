// The dashboard in a real headless browser. Main view: a REAL `hlbot backtest` run over real
// Hyperliquid data; daemon view (run 0, open positions, auto-refresh, token): the real-candle
// ledger fixture. Every panel must show the rows the API returns, also from the compiled binary.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { createApiApp } from "../../../src/api/app.ts";
import { type ApiServer, startApiServer } from "../../../src/api/server.ts";
import { ledgerApiApp } from "../../../src/api/standalone.ts";
import { loadConfig } from "../../../src/config/loader.ts";
import { openLedger } from "../../../src/ledger/open.ts";
import { REPO_ROOT, scratchDir } from "../../support/paths.ts";
import { fixtureApp } from "../support/fixture-app.ts";
import { type BacktestLedger, buildBacktestLedger } from "./backtest-ledger.ts";
import { launchBrowser } from "./browser.ts";

const f = fixtureApp();
const daemonApp = createApiApp({ ...f.deps, api: { dashboardRefreshSeconds: 2 } });
let bt: BacktestLedger;
let btDb: ReturnType<typeof openLedger>;
let btApp: ReturnType<typeof ledgerApiApp>;
let browser: BrowserContext;
let daemon: ApiServer;
let backtest: ApiServer;
const problems: string[] = [];

beforeAll(async () => {
  bt = buildBacktestLedger();
  btDb = openLedger(bt.path, { readonly: true });
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  config.ledger.path = bt.path;
  btApp = ledgerApiApp(btDb, config);
  daemon = startApiServer(daemonApp, { host: "127.0.0.1", port: 0 });
  backtest = startApiServer(btApp, { host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await backtest?.stop();
  btDb?.close();
  f.fixture.db.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("body[data-loaded]", { timeout: 15_000 });
  return page;
}

const rowIds = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr[data-id]`, (rows) => rows.map((r) => (r as HTMLElement).dataset.id));
const ids = (rows: { id: number }[]) => rows.map((r) => String(r.id));

// biome-ignore lint/suspicious/noExplicitAny: the API's own JSON, read field by field
type Api = (path: string) => Promise<any>;
const over =
  (app: { request(p: string): Response | Promise<Response> }): Api =>
  async (path) =>
    (await app.request(path)).json();

/** Every panel against the API: positions, last 5 trades, 15 decisions, KPIs, strategies, equity. */
async function expectPanels(page: Page, api: Api, scope: string): Promise<void> {
  const positions = await api(`/positions?${scope}`);
  expect(await rowIds(page, "positions")).toEqual(ids(positions.positions));
  if (positions.positions.length === 0) {
    expect(await page.textContent("#positions tbody")).toBe("no open positions");
  }
  const trades = await api(`/trades?limit=5&${scope}`);
  expect(trades.trades).toHaveLength(5);
  expect(await rowIds(page, "trades")).toEqual(ids(trades.trades));
  const decisions = await api(`/decisions?limit=15&${scope}`);
  expect(decisions.decisions).toHaveLength(15);
  expect(await rowIds(page, "decisions")).toEqual(ids(decisions.decisions));
  const tradeCells = await page.$$eval("#decisions tbody tr td:last-child", (tds) =>
    tds.map((td) => td.textContent),
  );
  decisions.decisions.forEach((d: { trade: { status: string } | null }, i: number) => {
    expect(tradeCells[i]).toMatch(
      d.trade ? (d.trade.status === "open" ? /^open$/ : /^closed [+−]?\d/) : /^—$/,
    );
  });
  const perf = await api(`/performance?days=7&${scope}`);
  expect(perf.total.trades).toBeGreaterThan(0);
  expect(await page.textContent("#kpi-trades .value")).toBe(String(perf.total.trades));
  expect(await page.textContent("#kpi-winrate .value")).toBe(`${(perf.total.win_rate * 100).toFixed(1)}%`);
  expect(await rowIds(page, "strategies")).toEqual(
    perf.by_strategy.map((s: { strategy: string }) => s.strategy),
  );
  const equity = await api(`/equity?days=7&points=400&${scope}`);
  expect(
    await page.$$eval("#equity-chart path.series", (ps) => ps.map((p) => p.getAttribute("class"))),
  ).toEqual(Object.keys(equity.curves).map((m) => `series ${m}`));
}

describe("dashboard page", () => {
  test("a real `hlbot backtest` run: every panel shows what the API returns (screenshot: reports/dashboard.png)", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}`);
    await expectPanels(page, over(btApp), `run_id=${bt.runId}`);
    expect(await page.textContent("#m-run")).toBe(`backtest #${bt.runId}`);
    mkdirSync(join(REPO_ROOT, "reports"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "reports", "dashboard.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("the daemon's view (run 0): open positions at the latest mark, health, every panel", async () => {
    const page = await open(`${daemon.url}/`);
    const api = over(f.app);
    await expectPanels(page, api, "");
    expect((await rowIds(page, "positions")).length).toBeGreaterThan(0);
    const health = await api("/health");
    expect(await page.textContent("#status")).toBe(health.status === "ok" ? "OK" : "DEGRADED");
    expect(await page.textContent("#m-version")).toBe(`v${health.version}`);
    mkdirSync(join(REPO_ROOT, "reports"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "reports", "dashboard-daemon.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("?mode=live narrows every panel to the live account", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}&mode=live`);
    await expectPanels(page, over(btApp), `run_id=${bt.runId}&mode=live`);
    expect(await page.$$eval("#equity-chart path.series", (ps) => ps.length)).toBe(1);
    expect(await page.getAttribute("#modes a.active", "data-mode")).toBe("live");
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("refreshes itself: a new decision appears without a reload", async () => {
    const page = await open(`${daemon.url}/`);
    const loads = Number(await page.getAttribute("body", "data-loaded"));
    const { id } = f.fixture.db
      .query(
        "INSERT INTO decisions (created_at, mode, strategy, coin, side, timeframe, candle_t, score_raw, score, regime, session, vol_bucket, setup_key, entry_ref, stop, target, features, verdict, sim_model_version) VALUES (?1, 'shadow', 'momentum', 'ETH', 'short', '1h', ?2, 61, 61, 'Short', 'us', 'mid', 'k', 1, 1.1, 0.8, '{}', 'candidate', 'v4') RETURNING id",
      )
      .get(f.fixture.end + 1, f.fixture.end - 3_600_000) as { id: number };
    await page.waitForSelector(`body[data-loaded="${loads + 1}"]`, { timeout: 15_000 });
    expect((await rowIds(page, "decisions"))[0]).toBe(String(id));
    f.fixture.db.run("DELETE FROM decisions WHERE id = ?1", [id]);
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("with a token: the page takes it from the URL fragment and sends it as a bearer header", async () => {
    const token = "dash-token-0123456789";
    const guarded = startApiServer(createApiApp({ ...f.deps, api: { token, dashboardRefreshSeconds: 10 } }), {
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const page = await open(`${guarded.url}/#token=${token}`);
      expect(page.url()).not.toContain(token);
      expect((await rowIds(page, "positions")).length).toBeGreaterThan(0);
      expect(await page.textContent("#updated")).toContain("updated");
      await page.close();
      const locked = await open(`${guarded.url}/`);
      expect(await locked.textContent("#status")).toBe("UNREACHABLE");
      await locked.close();
    } finally {
      await guarded.stop();
    }
    problems.length = 0; // the locked page logs its 401s as console errors, by design
  }, 30_000);

  test("the compiled binary (dist/hlbot serve) serves the same working page", async () => {
    const bin = join(REPO_ROOT, "dist", "hlbot");
    if (!existsSync(bin)) throw new Error("dist/hlbot missing: run `make build` (make test does)");
    const proc = Bun.spawn([bin, "serve", "--db", bt.path, "--port", "0", "--log-format", "json"], {
      cwd: scratchDir(),
      env: { PATH: process.env.PATH ?? "" },
      stderr: "pipe",
    });
    try {
      const reader = proc.stderr.getReader();
      let text = "";
      let url: string | undefined;
      while (!url) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`serve exited: ${text}`);
        text += new TextDecoder().decode(value);
        url = /API and dashboard on (http:\/\/[^/\s]+)\//.exec(text)?.[1];
      }
      const page = await open(`${url}/?run_id=${bt.runId}`);
      await expectPanels(page, over({ request: (p: string) => fetch(`${url}${p}`) }), `run_id=${bt.runId}`);
      expect(await page.textContent("#m-source")).toContain("ledger");
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      proc.kill("SIGTERM");
      await proc.exited;
    }
  }, 30_000);
});

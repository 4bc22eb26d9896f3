// The dashboard in a real headless browser. Backtest views: REAL `hlbot backtest` runs over real
// Hyperliquid data (a run browser, the whole run, the candlestick chart, the trade drill-down);
// daemon view (run 0: open positions, health, auto-refresh, token, DEMO banner): the real-candle
// ledger fixture. Every panel must show what the API returns, also from the compiled binary.
// Screenshots land in reports/ (git-ignored, kept by the test run).
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
const SHOTS = join(REPO_ROOT, "reports");
let bt: BacktestLedger;
let btDb: ReturnType<typeof openLedger>;
let btApp: ReturnType<typeof ledgerApiApp>;
let browser: BrowserContext;
let daemon: ApiServer;
let backtest: ApiServer;
const problems: string[] = [];

beforeAll(async () => {
  bt = buildBacktestLedger({ killed: true });
  btDb = openLedger(bt.path, { readonly: true });
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  config.ledger.path = bt.path;
  btApp = ledgerApiApp(btDb, config);
  daemon = startApiServer(daemonApp, { host: "127.0.0.1", port: 0 });
  backtest = startApiServer(btApp, { host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await backtest?.stop();
  btDb?.close();
  f.fixture.db.close();
});

async function open(url: string, width = 1440): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 1000 });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  await page.waitForSelector("body[data-loaded]", { timeout: 20_000 });
  return page;
}

const rowIds = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr[data-id]`, (rows) => rows.map((r) => (r as HTMLElement).dataset.id));
const ids = (rows: { id: number }[]) => rows.map((r) => String(r.id));
const visible = (page: Page, sel: string) => page.isVisible(sel);

// biome-ignore lint/suspicious/noExplicitAny: the API's own JSON, read field by field
type Api = (path: string) => Promise<any>;
const over =
  (app: { request(p: string): Response | Promise<Response> }): Api =>
  async (path) =>
    (await app.request(path)).json();

/** The candlestick chart drew bars on a real canvas and markers for the shown coin's trades. */
async function expectCandles(page: Page, withMarkers: boolean): Promise<void> {
  await page.waitForSelector("#candles[data-bars]", { timeout: 10_000 });
  const c = await page.$eval("#candles", (el) => ({ ...(el as HTMLElement).dataset }));
  expect(Number(c.bars)).toBeGreaterThan(50);
  if (withMarkers) expect(Number(c.markers)).toBeGreaterThan(0);
  const canvas = await page.$$eval("#candles canvas", (cs) =>
    cs.map((x) => ({ w: (x as HTMLCanvasElement).width, h: (x as HTMLCanvasElement).height })),
  );
  expect(canvas.length).toBeGreaterThan(0);
  expect(Math.max(...canvas.map((x) => x.w * x.h))).toBeGreaterThan(400 * 200);
}

/** Every panel against the API: summary, positions, trades, decisions, run picker, candles. */
async function expectPanels(page: Page, api: Api, scope: string): Promise<void> {
  const positions = await api(`/positions?${scope}`);
  expect(await rowIds(page, "positions")).toEqual(ids(positions.positions));
  if (positions.positions.length === 0)
    expect(await page.textContent("#positions tbody")).toBe("no open positions");
  const trades = await api(`/trades?limit=200&${scope}`);
  expect(trades.trades.length).toBeGreaterThan(5);
  expect(await rowIds(page, "trades")).toEqual(ids(trades.trades.slice(0, 50)));
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
  const { summary } = await api(`/summary?${scope}`);
  expect(await page.textContent("#shadow-card #k-trades .value")).toBe(String(summary.shadow.overall.trades));
  expect(summary.shadow.overall.trades).toBeGreaterThan(0);
  expect(await rowIds(page, "by-strategy-shadow")).toEqual(
    Object.entries(summary.shadow.byStrategy as Record<string, { totalR: number }>)
      .sort((a, b) => b[1].totalR - a[1].totalR)
      .map(([k]) => k),
  );
  if (summary.live) {
    expect(await page.textContent("#live-card #k-live-trades .value")).toBe(
      String(summary.live.overall.trades),
    );
  }
  const runs = await api("/runs");
  expect(await page.$$eval("#run-picker option", (o) => o.length)).toBe(runs.runs.length + 1);
}

describe("dashboard page", () => {
  test("a real backtest run: the whole run, every panel from the API, run picker, candles with markers (reports/dashboard.png)", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}`);
    await expectPanels(page, over(btApp), `run_id=${bt.runId}`);
    await expectCandles(page, true);
    expect(await page.textContent("#m-run")).toBe(`backtest #${bt.runId}`);
    expect(await visible(page, "#health")).toBe(false); // the daemon's health is not this run's
    expect(await page.textContent("#run-banner")).toContain(`Backtest #${bt.runId}`);
    expect(await visible(page, "#run-unfinished")).toBe(false);
    expect(await visible(page, "#demo-banner")).toBe(false);
    const { summary } = await over(btApp)(`/summary?run_id=${bt.runId}`);
    expect(summary.window.from).toBe(Date.UTC(2025, 6, 5)); // the whole run, not its last 7 days
    const options = await page.$$eval("#run-picker option", (o) =>
      o.map((x) => (x as HTMLOptionElement).textContent),
    );
    expect(options.some((t) => t?.includes("UNFINISHED"))).toBe(true);
    expect(await page.$eval("#per-bucket", (d) => (d as HTMLDetailsElement).open)).toBe(false);
    // The whole run's trades, 200 at a time.
    const total = summary.shadow.overall.trades + summary.live.overall.trades;
    expect(total).toBeGreaterThan(200);
    await page.click("#trades-more");
    await page.waitForFunction(
      (n) => document.querySelector(".pager-text")?.textContent?.includes(`of ${n} trades`),
      total,
    );
    expect(await visible(page, "#trades-more")).toBe(false);
    await page.screenshot({ path: join(SHOTS, "dashboard.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("a trade drill-down opens: the decision's features, score breakdown, bucket, gate verdict and reasons, in text (reports/dashboard-drilldown.png)", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}`);
    const api = over(btApp);
    const trade = (await api(`/trades?limit=3&run_id=${bt.runId}`)).trades[2];
    await page.click(`#trades tbody tr[data-id="${trade.id}"]`);
    await page.waitForSelector(`#drilldown[data-trade="${trade.id}"]`, { timeout: 10_000 });
    await page.waitForSelector(`#candles[data-focus="${trade.id}"]`, { timeout: 10_000 });
    const { decision } = await api(`/decisions/${trade.decision_id}`);
    expect(await page.$$eval("#dd-features tr", (r) => r.length)).toBe(Object.keys(decision.features).length);
    expect(await page.textContent("#dd-score")).toContain(`raw ${decision.score_raw.toFixed(2)}`);
    expect(await page.textContent("#dd-verdict")).toContain(decision.verdict);
    const text = (await page.textContent("#drilldown")) ?? "";
    for (const part of [decision.regime, decision.session, decision.vol_bucket, trade.exit_reason])
      expect(text).toContain(part);
    expect(text).toContain(
      `${decision.strategy}|${decision.side}|${decision.session}|${decision.regime}|${decision.vol_bucket}`,
    );
    expect(await page.$eval("#candles", (el) => (el as HTMLElement).dataset.coin)).toBe(trade.coin);
    await expectCandles(page, true);
    // A decision row opens the same drill-down.
    const d = (await api(`/decisions?limit=15&run_id=${bt.runId}`)).decisions[0];
    await page.click(`#decisions tbody tr[data-id="${d.id}"]`);
    await page.waitForSelector(`#drilldown[data-decision="${d.id}"]`, { timeout: 10_000 });
    await (await page.$("#drilldown"))!.screenshot({ path: join(SHOTS, "dashboard-drilldown.png") });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("the run picker lists every run and switches the view; a killed run is flagged unfinished", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}`);
    await page.selectOption("#run-picker", String(bt.killedRunId));
    await page.waitForURL(new RegExp(`run_id=${bt.killedRunId}`));
    await page.waitForSelector("body[data-loaded]");
    await page.waitForSelector("#run-unfinished", { timeout: 10_000 });
    expect(await page.textContent("#run-unfinished")).toContain("did not finish");
    await page.selectOption("#run-picker", String(bt.shadowRunId));
    await page.waitForURL(new RegExp(`run_id=${bt.shadowRunId}`));
    await page.waitForSelector("body[data-loaded]");
    await page.waitForSelector("#shadow-card #k-trades");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("an unknown run_id says so (the API answers 404), not an empty page", async () => {
    const page = await open(`${backtest.url}/?run_id=999`);
    expect(await page.textContent("#updated")).toContain("no backtest run 999");
    expect((await btApp.request("/summary?run_id=999")).status).toBe(404);
    problems.length = 0; // the browser logs the 404 responses themselves
    await page.close();
  }, 30_000);

  test("the daemon's view (run 0): health, open positions at the latest mark, every panel", async () => {
    const page = await open(`${daemon.url}/`);
    const api = over(f.app);
    await expectPanels(page, api, "");
    expect((await rowIds(page, "positions")).length).toBeGreaterThan(0);
    const health = await api("/health");
    expect(await visible(page, "#health")).toBe(true);
    expect(await page.textContent("#status")).toBe(health.status === "ok" ? "OK" : "DEGRADED");
    expect(await page.textContent("#m-version")).toBe(`v${health.version}`);
    expect(await visible(page, "#demo-banner")).toBe(false);
    expect(await visible(page, "#run-banner")).toBe(false);
    await expectCandles(page, true);
    await page.screenshot({ path: join(SHOTS, "dashboard-daemon.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("DEMO banner: shown exactly when /health says the venue is the demo's", async () => {
    const base = f.deps.health;
    const demoApp = createApiApp({
      ...f.deps,
      health: {
        snapshot: () => ({
          ...base.snapshot(),
          venue: { network: "custom", demo: true, url: "http://127.0.0.1:1", live: true },
        }),
      },
    });
    const server = startApiServer(demoApp, { host: "127.0.0.1", port: 0 });
    try {
      const page = await open(`${server.url}/`);
      expect(await visible(page, "#demo-banner")).toBe(true);
      expect(await page.textContent("#demo-banner")).toBe("DEMO — local venue, no real money");
      await page.close();
    } finally {
      await server.stop();
    }
    expect(problems).toEqual([]);
  }, 30_000);

  test("?mode=live narrows every panel to the live account", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}&mode=live`);
    const api = over(btApp);
    const trades = await api(`/trades?limit=200&run_id=${bt.runId}&mode=live`);
    expect(await rowIds(page, "trades")).toEqual(ids(trades.trades.slice(0, 50)));
    expect(await page.$("#shadow-card")).toBeNull();
    expect(await visible(page, "#live-card")).toBe(true);
    expect(await visible(page, "#r-chart-panel")).toBe(false);
    expect(await page.getAttribute("#modes a.active", "data-mode")).toBe("live");
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("a phone-width screen: one column, nothing wider than the screen (reports/dashboard-phone.png)", async () => {
    const page = await open(`${backtest.url}/?run_id=${bt.runId}`, 390);
    await expectCandles(page, true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await page.screenshot({ path: join(SHOTS, "dashboard-phone.png"), fullPage: false });
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
      await expectCandles(page, true);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      proc.kill("SIGTERM");
      await proc.exited;
    }
  }, 30_000);
});

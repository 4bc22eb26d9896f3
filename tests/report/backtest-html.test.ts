// The HTML report of a REAL `hlbot backtest` run (real Hyperliquid data), opened from disk in
// headless Chromium: one self-contained file that shows the summary first, the events, the path
// charts, sortable breakdowns (buckets collapsed), a candlestick chart per coin with the trades'
// markers, and a filterable trade list whose decision links open the drill-down. Screenshots land
// in reports/ (git-ignored, kept by the test run).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { openLedger } from "../../src/ledger/open.ts";
import { buildRunReport } from "../../src/report/run-report.ts";
import { type BacktestLedger, buildBacktestLedger } from "../api/dashboard/backtest-ledger.ts";
import { launchBrowser } from "../api/dashboard/browser.ts";
import { buildLedgerFixture } from "../api/support/ledger-fixture.ts";
import { runSummaryFixture } from "../api/support/run-summary-fixture.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const SHOTS = join(REPO_ROOT, "reports");
let bt: BacktestLedger;
let browser: BrowserContext;
let reportFile: string;
let html: string;
const problems: string[] = [];

beforeAll(async () => {
  bt = buildBacktestLedger();
  const db = openLedger(bt.path, { readonly: true });
  html = buildRunReport(db, bt.runId);
  db.close();
  reportFile = join(scratchDir("hlbot-report-"), "report.html");
  writeFileSync(reportFile, html);
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 90_000);
afterAll(async () => {
  await browser?.close();
});

async function open(file: string, width = 1440): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 1000 });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // Any request leaving the page (a CDN, a font, an image) fails the test: the file is self-contained.
  await page.route(/^(?!file:|data:)/, (route) => {
    problems.push(`network: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector("body[data-loaded]", { timeout: 20_000 });
  return page;
}

const rowIds = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr[data-id]`, (rows) => rows.map((r) => (r as HTMLElement).dataset.id));

describe("backtest HTML report", () => {
  test("one self-contained file: no external script, stylesheet or font", () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/url\(\s*["']?https?:/i);
    expect(html).not.toMatch(/@import/);
  });

  test("summary first, both paths; charts; candlesticks with markers; sortable tables (reports/report.png)", async () => {
    const page = await open(reportFile);
    const order = await page.$$eval("body > *", (els) => els.map((e) => e.id || e.className));
    expect(order.indexOf("summary")).toBeLessThan(order.indexOf("breakdowns"));
    expect(await page.isVisible("#shadow-card")).toBe(true);
    expect(await page.isVisible("#live-card")).toBe(true);
    // Shadow in R only: no % return, no dollar equity on its card.
    const shadow = (await page.textContent("#shadow-card")) ?? "";
    expect(shadow).not.toMatch(/\$|Return/);
    expect(await page.textContent("#live-card #k-return .value")).toMatch(/%$/);
    for (const chart of ["#equity-chart", "#r-chart"]) {
      expect(await page.$$eval(`${chart} canvas`, (c) => c.length), chart).toBeGreaterThan(0);
    }
    const c = await page.$eval("#candles", (el) => ({ ...(el as HTMLElement).dataset }));
    expect(Number(c.bars)).toBeGreaterThan(500);
    expect(Number(c.markers)).toBeGreaterThan(0);
    const size = await page.$$eval("#candles canvas", (cs) =>
      Math.max(...cs.map((x) => (x as HTMLCanvasElement).width * (x as HTMLCanvasElement).height)),
    );
    expect(size).toBeGreaterThan(600 * 300);
    // The coin picker switches coin.
    const coins = await page.$$eval("#candles .coin-picker option", (o) =>
      o.map((x) => (x as HTMLOptionElement).value),
    );
    expect(coins.length).toBeGreaterThan(1);
    await page.selectOption("#candles .coin-picker", coins[1]!);
    await page.waitForSelector(`#candles[data-coin="${coins[1]}"]`);
    // Buckets start collapsed; a header click sorts.
    expect(await page.$eval("#per-bucket", (d) => (d as HTMLDetailsElement).open)).toBe(false);
    const before = await rowIds(page, "by-coin-shadow");
    await page.click("#by-coin-shadow th:first-child");
    expect(await rowIds(page, "by-coin-shadow")).toEqual([...before].sort());
    await page.click("#by-coin-shadow th:first-child");
    expect(await rowIds(page, "by-coin-shadow")).toEqual([...before].sort().reverse());
    expect(await page.getAttribute("#by-coin-shadow th:first-child", "aria-sort")).toBe("descending");
    await page.screenshot({ path: join(SHOTS, "report.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("the trade list: every trade, filterable, and a decision link opens the drill-down (reports/report-drilldown.png)", async () => {
    const page = await open(reportFile);
    const total = Number(
      (await page.textContent(".pager-text"))?.match(/of ([\d,]+) trades/)?.[1]?.replace(/,/g, ""),
    );
    const db = openLedger(bt.path, { readonly: true });
    const ref = db
      .query("SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND status = 'closed'")
      .get(bt.runId) as { n: number };
    const coinTrades = db
      .query("SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND status = 'closed' AND coin = 'ETH'")
      .get(bt.runId) as { n: number };
    db.close();
    expect(total).toBe(ref.n);
    expect(await page.$$eval("#trades tbody tr[data-id]", (r) => r.length)).toBe(50);
    await page.selectOption('select[data-filter="coin"]', "ETH");
    expect(await page.textContent(".pager-text")).toContain(`${coinTrades.n} of ${ref.n} trades`);
    const coinsShown = await page.$$eval("#trades tbody tr td:nth-child(2)", (tds) => [
      ...new Set(tds.map((t) => t.textContent)),
    ]);
    expect(coinsShown).toEqual(["ETH"]);
    const link = await page.$("#trades tbody tr .decision-link");
    const href = (await link!.getAttribute("href"))!;
    await link!.click();
    const id = href.replace("#decision-", "");
    await page.waitForSelector(`#drilldown[data-decision="${id}"]`, { timeout: 10_000 });
    expect(await page.$$eval("#dd-features tr", (r) => r.length)).toBeGreaterThan(3);
    expect(await page.textContent("#dd-score")).toMatch(/raw [\d.]+ × regime [\d.]+ = [\d.]+/);
    await page.waitForSelector("#candles[data-focus]");
    expect(await page.$eval("#candles", (el) => (el as HTMLElement).dataset.coin)).toBe("ETH");
    await (await page.$("#drilldown"))!.screenshot({ path: join(SHOTS, "report-drilldown.png") });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("a phone-width screen: nothing wider than the screen (reports/report-phone.png)", async () => {
    const page = await open(reportFile, 390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await page.screenshot({ path: join(SHOTS, "report-phone.png") });
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("a stored RunSummary: its events (the kill switch and what it refused), coverage and warnings are shown", async () => {
    const fx = buildLedgerFixture(scratchDir("hlbot-report-fx-"), { runId: 5, bars: 24 * 5 });
    fx.db.run("UPDATE backtest_runs SET summary = ?1 WHERE id = 5", [JSON.stringify(runSummaryFixture(5))]);
    const file = join(scratchDir("hlbot-report-"), "stored.html");
    writeFileSync(file, buildRunReport(fx.db, 5));
    fx.db.close();
    const page = await open(file);
    const events = (await page.textContent("#events")) ?? "";
    expect(events).toContain("1,794 live candidates rejected by kill_switch after 2024-10-12");
    expect(events).toContain("drawdown 15.2% breached the 15% floor");
    expect(await page.$$eval("#events-panel .timeline .ev", (e) => e.length)).toBe(2);
    const refused = (await page.textContent("#live-rejections")) ?? "";
    expect(refused).toContain("1,794 kill_switch");
    expect(refused).toContain("counts under each");
    expect(await page.$$eval("#coverage-table tbody tr", (r) => r.length)).toBe(2);
    expect(await page.textContent("#warnings")).toContain("cover different windows");
    expect(await rowIds(page, "by-month-live")).toEqual(["2024-09", "2024-10", "2024-11"]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("`hlbot backtest --report FILE` writes the same kind of report for the run it stores", () => {
    const dir = scratchDir("hlbot-report-cli-");
    const file = join(dir, "cli.html");
    const proc = Bun.spawnSync(
      [
        "bun",
        join(REPO_ROOT, "src", "main.ts"),
        "backtest",
        "--db",
        bt.path,
        "--coins",
        "BTC,ETH",
        "--from",
        "2025-07-20",
        "--to",
        "2025-07-24",
        "--report",
        file,
        "--json",
      ],
      { cwd: dir, env: { PATH: process.env.PATH ?? "" }, stdout: "pipe", stderr: "pipe" },
    );
    expect(proc.exitCode, proc.stderr.toString()).toBe(0);
    const { runId } = JSON.parse(proc.stdout.toString()) as { runId: number };
    const text = readFileSync(file, "utf8");
    expect(text).toContain(`backtest #${runId}`);
    expect(text).toContain('id="report-data"');
  }, 60_000);

  test("an unknown run id is a clear usage error (exit 2), not a stack trace", () => {
    const db = openLedger(bt.path, { readonly: true });
    expect(() => buildRunReport(db, 999)).toThrow("no backtest run 999 in this ledger");
    db.close();
  });
});

// The dashboard in a real headless browser, over a ledger filled from real Hyperliquid candles: every
// panel must show the rows the API returns, refresh itself, and work from the compiled binary.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { createApiApp } from "../../../src/api/app.ts";
import { type ApiServer, startApiServer } from "../../../src/api/server.ts";
import { REPO_ROOT, scratchDir } from "../../support/paths.ts";
import { fixtureApp } from "../support/fixture-app.ts";
import { launchBrowser } from "./browser.ts";

const f = fixtureApp();
const app = createApiApp({ ...f.deps, api: { dashboardRefreshSeconds: 2 } });
let browser: BrowserContext;
let server: ApiServer;
const problems: string[] = [];

beforeAll(async () => {
  server = startApiServer(app, { host: "127.0.0.1", port: 0 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
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

describe("dashboard page", () => {
  test("every panel shows what the API returns; screenshot in reports/dashboard.png", async () => {
    const page = await open(`${server.url}/`);
    const api = f.json;

    const positions = await api("/positions");
    expect(positions.positions.length).toBeGreaterThan(0);
    expect(await rowIds(page, "positions")).toEqual(
      positions.positions.map((p: { id: number }) => String(p.id)),
    );

    const trades = await api("/trades?limit=5");
    expect(trades.trades).toHaveLength(5);
    expect(await rowIds(page, "trades")).toEqual(trades.trades.map((t: { id: number }) => String(t.id)));

    const decisions = await api("/decisions?limit=15");
    expect(await rowIds(page, "decisions")).toEqual(
      decisions.decisions.map((d: { id: number }) => String(d.id)),
    );
    const tradeCells = await page.$$eval("#decisions tbody tr td:last-child", (tds) =>
      tds.map((td) => td.textContent),
    );
    decisions.decisions.forEach((d: { trade: { status: string } | null }, i: number) => {
      expect(tradeCells[i]).toMatch(
        d.trade ? (d.trade.status === "open" ? /^open$/ : /^closed [+−]?\d/) : /^—$/,
      );
    });

    const perf = await api("/performance?days=7");
    expect(perf.total.trades).toBeGreaterThan(0);
    expect(await page.textContent("#kpi-trades .value")).toBe(String(perf.total.trades));
    expect(await page.textContent("#kpi-winrate .value")).toBe(`${(perf.total.win_rate * 100).toFixed(1)}%`);
    expect(await rowIds(page, "strategies")).toEqual(
      perf.by_strategy.map((s: { strategy: string }) => s.strategy),
    );

    const equity = await api("/equity?days=7&points=400");
    const modes = Object.keys(equity.curves);
    expect(
      await page.$$eval("#equity-chart path.series", (ps) => ps.map((p) => p.getAttribute("class"))),
    ).toEqual(modes.map((m) => `series ${m}`));
    const health = await api("/health");
    expect(await page.textContent("#status")).toBe(health.status === "ok" ? "OK" : "DEGRADED");
    expect(await page.textContent("#m-version")).toBe(`v${health.version}`);

    mkdirSync(join(REPO_ROOT, "reports"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "reports", "dashboard.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  test("?mode=live narrows every panel to the live account", async () => {
    const page = await open(`${server.url}/?mode=live`);
    const api = f.json;
    const decisions = await api("/decisions?limit=15&mode=live");
    expect(await rowIds(page, "decisions")).toEqual(
      decisions.decisions.map((d: { id: number }) => String(d.id)),
    );
    const trades = await api("/trades?limit=5&mode=live");
    expect(await rowIds(page, "trades")).toEqual(trades.trades.map((t: { id: number }) => String(t.id)));
    expect(await page.textContent("#kpi-trades .value")).toBe(
      String((await api("/performance?days=7&mode=live")).total.trades),
    );
    expect(await page.$$eval("#equity-chart path.series", (ps) => ps.length)).toBe(1);
    expect(await page.getAttribute("#modes a.active", "data-mode")).toBe("live");
    expect(problems).toEqual([]);
    await page.close();
  }, 30_000);

  test("refreshes itself: a new decision appears without a reload", async () => {
    const page = await open(`${server.url}/`);
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
    const proc = Bun.spawn([bin, "serve", "--db", f.fixture.path, "--port", "0", "--log-format", "json"], {
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
      const page = await open(`${url}/`);
      const decisions = (await (await fetch(`${url}/decisions?limit=15`)).json()) as {
        decisions: { id: number }[];
      };
      expect(await rowIds(page, "decisions")).toEqual(decisions.decisions.map((d) => String(d.id)));
      expect(await page.textContent("#m-source")).toContain("ledger");
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      proc.kill("SIGTERM");
      await proc.exited;
    }
  }, 30_000);
});

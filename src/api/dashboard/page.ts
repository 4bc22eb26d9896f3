/**
 * The dashboard page: one self-contained HTML document — the skeleton below, the stylesheet and the
 * browser bundle of src/ui/web/dashboard (lightweight-charts included) inline, no CDN. A
 * Content-Security-Policy pins the inline style and script by hash and allows fetches to this
 * origin only. Stable DOM contract (tests and the demo rely on it): body[data-loaded] once loaded,
 * tables #positions, #trades and #decisions with rows `tbody tr[data-id]`, #demo-banner shown
 * exactly when /health says the venue is the demo's, #run-picker listing every backtest run.
 */
import { createHash } from "node:crypto";
import { DASHBOARD_JS, PAGE_CSS } from "../../ui/assets.ts";

export interface DashboardPage {
  html: string;
  csp: string;
}

const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%235aa9ff'/%3E%3Cpath d='M3 11l3-4 3 2 4-5' stroke='%230b0f17' stroke-width='2' fill='none'/%3E%3C/svg%3E";

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const table = (id: string, columns: string[]) =>
  `<div class="scroll"><table id="${id}"><thead><tr>${columns
    .map((c) => (c.startsWith("#") ? `<th class="num">${c.slice(1)}</th>` : `<th>${c}</th>`))
    .join("")}</tr></thead><tbody></tbody></table></div>`;

const BODY = `
<div id="demo-banner" role="alert" hidden>DEMO — local venue, no real money</div>
<header>
  <h1>hl<span>bot</span></h1>
  <div id="health" hidden>
    <span id="status" class="pill">…</span>
    <div class="meta">
      <span>version <b id="m-version">—</b></span>
      <span>source <b id="m-source">—</b></span>
      <span>venue <b id="m-venue">—</b></span>
      <span>last tick <b id="m-tick">—</b></span>
      <span>feed <b id="m-feed">—</b></span>
      <span>halts <b id="m-halts">—</b></span>
    </div>
  </div>
  <div class="meta"><span>viewing <b id="m-run">—</b></span><span>window <b id="m-window">—</b></span></div>
  <div class="spacer"></div>
  <select id="run-picker" aria-label="run"><option value="0">daemon</option></select>
  <nav class="modes" id="modes" aria-label="path"><a data-mode="">both</a><a data-mode="shadow">shadow</a><a data-mode="live">live</a></nav>
  <div class="meta" id="updated">loading…</div>
</header>
<div class="reasons" id="reasons" hidden></div>
<div id="run-banner" class="run-banner" hidden></div>
<section class="paths" id="summary" aria-label="the two paths"></section>
<section class="panel" aria-label="events"><h2>Events <small>kill switch, halts, ruin, liquidations, data gaps</small></h2><div id="events-panel"></div></section>
<main class="grid">
  <section class="panel" id="live-chart-panel"><h2>Live equity <small>USDC around the starting equity · drawdown below</small></h2><div id="equity-chart" class="chart tall"></div></section>
  <section class="panel" id="r-chart-panel"><h2>Shadow cumulative R <small>after each closed trade · around 0R</small></h2><div id="r-chart" class="chart tall"></div></section>
  <section class="panel wide"><h2>Candles <small>entries ▲▼, exits ●, stops and targets ■ · pick a coin, zoom with the wheel or a pinch</small></h2><div id="candles"></div></section>
  <section class="panel wide" id="drilldown" hidden aria-live="polite"></section>
  <section class="panel wide"><h2>Open positions <small>at the latest mark</small></h2>
    ${table("positions", ["Coin", "Side", "Path", "Strategy", "#Entry", "#Mark", "#Size", "#Stop", "#Target", "#uPnL", "#R", "Opened"])}</section>
  <section class="panel wide"><h2>Closed trades <small>newest first, 200 at a time · click a row for its decision</small></h2><div id="trade-list"></div><button type="button" class="btn" id="trades-more" hidden>load 200 older trades</button></section>
  <section class="panel wide"><h2>Latest decisions <small>every candidate, with the trade it opened · click a row</small></h2>
    ${table("decisions", ["Time", "Coin", "Side", "Path", "Strategy", "#Score", "Regime · session · vol", "Verdict", "Trade"])}</section>
</main>
<div id="breakdowns"></div>
<footer><span>read-only · hlbot API</span><span>JSON: /health /runs /summary /positions /trades /decisions /candles /performance /equity /candidates /metrics</span><span>charts: <a href="https://www.tradingview.com/" rel="noopener noreferrer">TradingView Lightweight Charts™</a> (Apache-2.0, © TradingView, Inc.)</span></footer>`;

/** The page for a refresh period (seconds); the script reads it from `data-refresh`. */
export function dashboardPage(refreshSeconds: number): DashboardPage {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hlbot</title><link rel="icon" href="${FAVICON}">
<style>${PAGE_CSS}</style></head>
<body data-refresh="${Math.trunc(refreshSeconds)}">${BODY}
<script>${DASHBOARD_JS}</script></body></html>`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(DASHBOARD_JS)}`,
    `style-src ${sha256(PAGE_CSS)}`,
    "connect-src 'self'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

/**
 * The dashboard page: one self-contained HTML document (styles and script inline, no CDN), built
 * once from strings compiled into the binary. A Content-Security-Policy pins the inline style and
 * script by hash and allows fetches to this origin only.
 */
import { createHash } from "node:crypto";
import { dashboardMain } from "./client.ts";
import { DASHBOARD_CSS } from "./styles.ts";

export interface DashboardPage {
  html: string;
  csp: string;
}

const SCRIPT = `(${dashboardMain.toString()})();`;
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%235aa9ff'/%3E%3Cpath d='M3 11l3-4 3 2 4-5' stroke='%230b0f17' stroke-width='2' fill='none'/%3E%3C/svg%3E";

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const kpi = (id: string, label: string) =>
  `<div class="kpi" id="${id}"><div class="label">${label}</div><div class="value">—</div><div class="sub">&nbsp;</div></div>`;

const table = (id: string, columns: string[]) =>
  `<div class="scroll"><table id="${id}"><thead><tr>${columns
    .map((c) => (c.startsWith("#") ? `<th class="num">${c.slice(1)}</th>` : `<th>${c}</th>`))
    .join("")}</tr></thead><tbody></tbody></table></div>`;

const BODY = `
<header>
  <h1>hl<span>bot</span></h1>
  <span id="status" class="pill">…</span>
  <div class="meta">
    <span>version <b id="m-version">—</b></span>
    <span>source <b id="m-source">—</b></span>
    <span>last tick <b id="m-tick">—</b></span>
    <span>feed <b id="m-feed">—</b></span>
    <span>halts <b id="m-halts">—</b></span>
    <span>viewing <b id="m-run">—</b></span>
  </div>
  <div class="spacer"></div>
  <nav class="modes" id="modes" aria-label="account"><a data-mode="">all</a><a data-mode="shadow">shadow</a><a data-mode="live">live</a></nav>
  <div class="meta" id="updated">loading…</div>
</header>
<div class="reasons" id="reasons"></div>
<section class="kpis" aria-label="7-day performance">
  ${kpi("kpi-pnl", "7-day net PnL")}${kpi("kpi-return", "7-day return")}${kpi("kpi-dd", "Max drawdown")}
  ${kpi("kpi-trades", "Closed trades")}${kpi("kpi-winrate", "Win rate")}${kpi("kpi-avgr", "Average R")}
</section>
<main class="grid">
  <section class="panel wide"><h2>Equity <small>last 7 days, % change per account</small><span class="spacer"></span><span class="legend" id="equity-legend"></span></h2>
    <svg id="equity-chart" class="chart" role="img" aria-label="equity curve"></svg></section>
  <section class="panel wide"><h2>Open positions</h2>
    ${table("positions", ["Coin", "Side", "Mode", "Strategy", "#Entry", "#Mark", "#Size", "#Stop", "#Target", "#uPnL", "#R", "Opened"])}</section>
  <section class="panel"><h2>Last closed trades <small>newest 5</small></h2>
    ${table("trades", ["Closed", "Coin", "Side", "Strategy", "Exit", "#Net PnL", "#R"])}</section>
  <section class="panel"><h2>By strategy <small>last 7 days</small></h2>
    ${table("strategies", ["Strategy", "#Trades", "#Win", "#Avg R", "#Net PnL"])}</section>
  <section class="panel wide"><h2>Latest decisions <small>every candidate, with the trade it opened</small></h2>
    ${table("decisions", ["Time", "Coin", "Side", "Mode", "Strategy", "#Score", "Regime · session · vol", "Verdict", "Trade"])}</section>
</main>
<footer><span>read-only · hlbot API</span><span>JSON: /health /positions /performance /trades /decisions /equity /candidates /metrics</span></footer>`;

/** The page for a refresh period (seconds); the script reads it from `data-refresh`. */
export function dashboardPage(refreshSeconds: number): DashboardPage {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hlbot</title><link rel="icon" href="${FAVICON}">
<style>${DASHBOARD_CSS}</style></head>
<body data-refresh="${Math.trunc(refreshSeconds)}">${BODY}
<script>${SCRIPT}</script></body></html>`;
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(SCRIPT)}`,
    `style-src ${sha256(DASHBOARD_CSS)}`,
    "connect-src 'self'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

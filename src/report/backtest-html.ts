/**
 * The backtest report: one self-contained HTML page (inline CSS and SVG, no network) with the equity
 * and drawdown charts, monthly returns, per-strategy and per-bucket tables, and the trade list.
 */
import type { BacktestResult } from "../sim/backtest.ts";
import type { GroupRow, RunTrade } from "./run-summary.ts";
import { lineChart } from "./svg-chart.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const num = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? "–" : v.toFixed(d));
const iso = (t: number) => new Date(t).toISOString().replace("T", " ").slice(0, 16);

function statsTable(title: string, rows: Record<string, GroupRow>): string {
  const body = Object.entries(rows)
    .map(
      ([k, s]) =>
        `<tr><td>${esc(k)}</td><td>${s.trades}</td><td>${num(s.totalR)}</td><td>${num(s.winRate === null ? null : s.winRate * 100, 1)}</td><td>${num(s.meanR?.value, 3)}</td><td>${num(s.profitFactor)}</td><td>${num(s.rPerDay, 3)}</td></tr>`,
    )
    .join("");
  return `<h3>${esc(title)}</h3><table><tr><th></th><th>trades</th><th>total R</th><th>win %</th><th>mean R</th><th>PF</th><th>R/day</th></tr>${body}</table>`;
}

function tradeRows(trades: readonly RunTrade[]): string {
  return trades
    .slice(-500)
    .map(
      (t) =>
        `<tr><td>${iso(t.openedAt)}</td><td>${iso(t.closedAt)}</td><td>${esc(t.bucket)}</td><td>${esc(t.exitReason)}</td><td>${num(t.r, 3)}</td></tr>`,
    )
    .join("");
}

function shadowSection(r: BacktestResult): string {
  const s = r.shadow;
  const o = s.overall;
  return `<section><h2>Shadow path (research sample, in R)</h2>
<div class="kpis"><div>Trades<b>${o.trades}</b></div><div>Total R<b>${num(o.totalR)}</b></div><div>Mean R<b>${num(o.meanR?.value, 3)}</b></div><div>R/day<b>${num(o.rPerDay, 3)}</b></div><div>Max DD (R)<b>${num(o.maxDrawdownR)}</b></div><div>PF<b>${num(o.profitFactor)}</b></div><div>Win rate<b>${num(o.winRate === null ? null : o.winRate * 100, 1)}%</b></div></div>
${lineChart(
  s.curve.map((p) => ({ t: p.t, v: p.cumR })),
  { title: "Cumulative R", format: (v) => v.toFixed(0) },
)}
<div class="cols">${statsTable("Per strategy", s.byStrategy)}${statsTable("Per month", s.byMonth)}</div>
${statsTable("Per bucket", s.byBucket)}
<h3>Trades (last ${Math.min(500, s.trades.length)} of ${s.trades.length})</h3><table><tr><th>opened</th><th>closed</th><th>bucket</th><th>exit</th><th>R</th></tr>${tradeRows(s.trades)}</table></section>`;
}

function liveSection(r: BacktestResult): string {
  const l = r.live;
  if (!l) return "";
  const o = l.overall;
  const months = l.byMonth
    .map(
      (m) =>
        `<tr><td>${m.month}</td><td class="${m.returnPct >= 0 ? "pos" : "neg"}">${m.returnPct.toFixed(2)}%</td></tr>`,
    )
    .join("");
  return `<section><h2>Live path (an account)</h2>${l.note ? `<p>${esc(l.note)}</p>` : ""}
<div class="kpis"><div>Net PnL<b>${num(o.netPnl)}</b></div><div>Return<b>${num(o.returnPct)}%</b></div><div>Max DD<b>${num(o.maxDrawdownPct)}%</b></div><div>Sharpe<b>${num(o.sharpe)}</b></div><div>Sortino<b>${num(o.sortino)}</b></div><div>Trades<b>${o.trades}</b></div><div>Mean R<b>${num(o.meanR?.value, 3)}</b></div></div>
${lineChart(
  l.equity.map((p) => ({ t: p.t, v: p.equity })),
  { title: "Equity (USDC)", fill: true },
)}
${lineChart(
  l.equity.map((p) => ({ t: p.t, v: -p.drawdownPct })),
  { title: "Drawdown (%)", color: "#dc2626", format: (v) => `${v.toFixed(1)}%` },
)}
<div class="cols"><div><h3>Monthly returns</h3><table><tr><th>month</th><th>return</th></tr>${months}</table></div>${statsTable("Per strategy", l.byStrategy)}</div>
<h3>Trades (last ${Math.min(500, l.trades.length)} of ${l.trades.length})</h3><table><tr><th>opened</th><th>closed</th><th>bucket</th><th>exit</th><th>R</th></tr>${tradeRows(l.trades)}</table></section>`;
}

export function renderBacktestHtml(r: BacktestResult, title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#111;max-width:1100px}table{border-collapse:collapse;margin:8px 0 16px}
td,th{border-bottom:1px solid #e5e7eb;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.kpis{display:grid;grid-template-columns:repeat(7,1fr);gap:8px;margin:12px 0}.kpis div{background:#f3f4f6;border-radius:6px;padding:6px 8px;font-size:12px}
.kpis b{display:block;font-size:16px}.pos{color:#15803d}.neg{color:#b91c1c}.cols{display:flex;gap:32px;align-items:flex-start}</style></head>
<body><h1>${esc(title)}</h1><p>model <b>${esc(r.modelVersion)}</b> · data ${esc(r.dataHash)} · ${iso(r.window.from)} → ${iso(r.window.to)} UTC · ${r.barUpdates} bar updates${r.runId ? ` · run #${r.runId}` : ""}</p>
${shadowSection(r)}${liveSection(r)}</body></html>`;
}

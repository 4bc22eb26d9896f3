/**
 * The backtest report: one self-contained HTML page (inline CSS and SVG, no network) with the equity
 * and drawdown charts, monthly returns, per-strategy and per-bucket tables, and the trade list.
 */
import type { BacktestResult, ModeResult } from "../sim/backtest.ts";
import type { TradeStats } from "./metrics.ts";
import { lineChart } from "./svg-chart.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const num = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? "–" : v.toFixed(d));
const iso = (t: number) => new Date(t).toISOString().replace("T", " ").slice(0, 16);

function statsTable(title: string, rows: Record<string, TradeStats>): string {
  const body = Object.entries(rows)
    .map(
      ([k, s]) =>
        `<tr><td>${esc(k)}</td><td>${s.trades}</td><td>${num(s.netPnl)}</td><td>${num(s.winRate === null ? null : s.winRate * 100, 1)}</td><td>${num(s.avgR, 3)}</td><td>${num(s.profitFactor)}</td><td>${num(s.fees)}</td><td>${num(s.funding)}</td><td>${s.liquidations}</td></tr>`,
    )
    .join("");
  return `<h3>${esc(title)}</h3><table><tr><th></th><th>trades</th><th>net PnL</th><th>win %</th><th>avg R</th><th>PF</th><th>fees</th><th>funding</th><th>liq</th></tr>${body}</table>`;
}

function monthly(m: ModeResult): string {
  const byMonth = new Map<string, { first: number; last: number }>();
  for (const p of m.equity) {
    const k = new Date(p.t).toISOString().slice(0, 7);
    const e = byMonth.get(k);
    if (!e) byMonth.set(k, { first: p.equity, last: p.equity });
    else e.last = p.equity;
  }
  let prev: number | null = null;
  const cells = [...byMonth.entries()].map(([k, v]) => {
    const base = prev ?? v.first;
    prev = v.last;
    const r = ((v.last - base) / base) * 100;
    return `<tr><td>${k}</td><td class="${r >= 0 ? "pos" : "neg"}">${r.toFixed(2)}%</td></tr>`;
  });
  return `<h3>Monthly returns</h3><table><tr><th>month</th><th>return</th></tr>${cells.join("")}</table>`;
}

function section(name: string, m: ModeResult): string {
  const o = m.overall;
  const dd: { t: number; v: number }[] = [];
  let peak = -Infinity;
  for (const p of m.equity) {
    peak = Math.max(peak, p.equity);
    dd.push({ t: p.t, v: -((peak - p.equity) / peak) * 100 });
  }
  const trades = m.trades
    .slice(-500)
    .map(
      (t) =>
        `<tr><td>${iso(t.openedAt)}</td><td>${iso(t.closedAt)}</td><td>${esc(t.bucket)}</td><td>${esc(t.exitReason)}</td><td>${num(t.netPnl)}</td><td>${num(t.r, 3)}</td></tr>`,
    )
    .join("");
  return `<section><h2>${esc(name)} path</h2>
<div class="kpis"><div>Net PnL<b>${num(o.netPnl)}</b></div><div>Return<b>${num(o.returnPct)}%</b></div><div>Max DD<b>${num(o.maxDrawdownPct)}%</b></div><div>Sharpe<b>${num(o.sharpe)}</b></div><div>Sortino<b>${num(o.sortino)}</b></div><div>Trades<b>${o.trades}</b></div><div>Win rate<b>${num(o.winRate === null ? null : o.winRate * 100, 1)}%</b></div><div>Avg R<b>${num(o.avgR, 3)}</b></div><div>PF<b>${num(o.profitFactor)}</b></div><div>Exposure<b>${num(o.exposurePct, 1)}%</b></div><div>Fees<b>${num(o.fees)}</b></div><div>Slippage<b>${num(o.slippage)}</b></div><div>Funding<b>${num(o.funding)}</b></div><div>Liquidations<b>${o.liquidations}</b></div></div>
${lineChart(
  m.equity.map((p) => ({ t: p.t, v: p.equity })),
  { title: "Equity (USDC)", fill: true },
)}
${lineChart(dd, { title: "Drawdown (%)", color: "#dc2626", format: (v) => `${v.toFixed(1)}%` })}
<div class="cols">${monthly(m)}${statsTable("Per strategy", m.byStrategy)}</div>
${statsTable("Per bucket", m.byBucket)}
<h3>Trades (last ${Math.min(500, m.trades.length)} of ${m.trades.length})</h3><table><tr><th>opened</th><th>closed</th><th>bucket</th><th>exit</th><th>net PnL</th><th>R</th></tr>${trades}</table></section>`;
}

export function renderBacktestHtml(r: BacktestResult, title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#111;max-width:1100px}table{border-collapse:collapse;margin:8px 0 16px}
td,th{border-bottom:1px solid #e5e7eb;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.kpis{display:grid;grid-template-columns:repeat(7,1fr);gap:8px;margin:12px 0}.kpis div{background:#f3f4f6;border-radius:6px;padding:6px 8px;font-size:12px}
.kpis b{display:block;font-size:16px}.pos{color:#15803d}.neg{color:#b91c1c}.cols{display:flex;gap:32px;align-items:flex-start}</style></head>
<body><h1>${esc(title)}</h1><p>model <b>${esc(r.modelVersion)}</b> · data ${esc(r.dataHash)} · ${iso(r.window.from)} → ${iso(r.window.to)} UTC · ${r.barUpdates} bar updates${r.runId ? ` · run #${r.runId}` : ""}</p>
${section("Shadow", r.shadow)}${r.live ? section("Live", r.live) : ""}</body></html>`;
}

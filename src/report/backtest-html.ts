/**
 * The backtest report: ONE self-contained HTML file (stylesheet, the browser bundle of
 * src/ui/web/report with lightweight-charts, and the run's data all inline; it opens offline, from
 * disk, on a phone). The page is the summary first (both paths side by side), the events timeline,
 * the live equity + drawdown and shadow cumulative-R charts, the breakdown tables, the candlestick
 * chart per coin with every trade's markers, the drill-down, and the filterable trade list.
 * What each panel means: docs/report.md.
 */
import { PAGE_CSS, REPORT_JS } from "../ui/assets.ts";
import type { ReportData } from "../ui/web/report/main.ts";
import type { Columnar } from "../ui/web/shared/packed.ts";
import type { SummaryView } from "../ui/web/shared/summary-view.ts";
import type { DecisionJson, TradeJson } from "../ui/web/shared/trade-types.ts";

export interface ReportRun {
  id: number;
  status: "finished" | "unfinished";
  kind: string;
  model: string;
  mode: string;
  command: string | null;
  dataHash: string | null;
  codeVersion: string;
}

export interface ReportInput {
  title: string;
  run: ReportRun | null;
  summary: SummaryView;
  /** Every closed trade, newest first, and the decision behind each. */
  trades: TradeJson[];
  decisions: DecisionJson[];
  /** Per coin: the interval and bars ([t, o, h, l, c]) the candlestick chart shows. */
  candles: Map<string, { interval: string; bars: [number, number, number, number, number][] }>;
}

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const iso = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ");
/** JSON, gzipped, base64 (no "<" can occur): read back by src/ui/web/shared/packed.ts. */
const packed = (x: unknown) => Buffer.from(Bun.gzipSync(JSON.stringify(x))).toString("base64");
/** Rows of one shape as columns: each key once (read back by rowsOf). */
function columnar<T extends object>(rows: T[]): Columnar {
  const columns = rows.length ? Object.keys(rows[0]!) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => (r as Record<string, unknown>)[c])) };
}
const packedScript = (id: string, x: unknown) =>
  `<script type="application/octet-stream" data-encoding="json+gzip+base64" id="${id}">${packed(x)}</script>`;

function header(title: string, run: ReportRun | null, v: SummaryView): string {
  const facts = [
    run ? `run <b>#${run.id}</b> · ${esc(run.kind)} · ${esc(run.mode)}` : "",
    `model <b>${esc(v.modelVersion ?? run?.model ?? "—")}</b>`,
    `window <b>${iso(v.window.from)} → ${iso(v.window.to)} UTC</b>`,
    v.dataWindow ? `data <b>${iso(v.dataWindow.from)} → ${iso(v.dataWindow.to)} UTC</b>` : "",
    run?.dataHash ? `data hash ${esc(run.dataHash)}` : "",
    run ? `code ${esc(run.codeVersion)}` : "",
    v.source === "ledger"
      ? "figures: from the ledger (the run stored no summary)"
      : "figures: as stored with the run",
  ].filter(Boolean);
  const unfinished =
    run?.status === "unfinished"
      ? `<p class="alert" id="run-unfinished">This run did not finish (killed, or still replaying): its figures cover only what it recorded, and it is not a complete result.</p>`
      : "";
  const command = run?.command ? `<p>command <code>${esc(run.command)}</code></p>` : "";
  return `<header><h1>hl<span>bot</span> ${esc(title)}</h1></header>
<div class="run-banner${run?.status === "unfinished" ? " unfinished" : ""}" id="run-banner"><div class="meta">${facts.map((f) => `<span>${f}</span>`).join("")}</div>${command}${unfinished}</div>`;
}

export function renderReportHtml(input: ReportInput): string {
  const coins = [...input.candles.keys()].sort();
  const index: ReportData["candles"] = {};
  const blobs = coins.map((coin, i) => {
    const c = input.candles.get(coin)!;
    index[coin] = { interval: c.interval, index: i };
    return packedScript(`candles-${i}`, c.bars);
  });
  const data: ReportData = { summary: input.summary, trades: columnar(input.trades), candles: index };
  const v = input.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)}</title><style>${PAGE_CSS}</style></head>
<body class="report">
${header(input.title, input.run, v)}
<ul id="warnings" hidden></ul>
<section class="paths" id="summary" aria-label="the two paths"></section>
<section class="panel" aria-label="events"><h2>Events <small>kill switch, halts, ruin, liquidations, data gaps — with the candidates each refused</small></h2><div id="events-panel"></div></section>
<div class="grid">
  <section class="panel"><h2>Live equity <small>USDC around the starting equity (0% line) · drawdown below</small></h2><div id="equity-chart" class="chart tall"></div></section>
  <section class="panel"><h2>Shadow cumulative R <small>after each closed trade · around 0R</small></h2><div id="r-chart" class="chart tall"></div></section>
</div>
<div id="breakdowns" class="after-grid"></div>
<details class="panel" id="coverage-panel"><summary>Data coverage — first and last bar, bars and gaps per coin × interval</summary><div id="coverage"></div></details>
<section class="panel"><h2>Candles <small>entries ▲▼ at the entry price, exits ● at the exit price, stops and targets ■ · pick a coin, zoom with the wheel or a pinch</small></h2><div id="candles"></div></section>
<section class="panel" id="drilldown" hidden aria-live="polite"></section>
<section class="panel"><h2>Trades <small>every closed trade · filter, sort, follow a decision link</small></h2><div id="trade-list"></div></section>
<footer><span>hlbot ${esc(input.run?.codeVersion ?? "")}</span><span>what each panel means: docs/report.md</span><span>charts: <a href="https://www.tradingview.com/" rel="noopener noreferrer">TradingView Lightweight Charts™</a> (Apache-2.0, © TradingView, Inc.)</span></footer>
${packedScript("report-data", data)}
${packedScript("decisions", columnar(input.decisions))}
${blobs.join("\n")}
<script>${REPORT_JS}</script></body></html>`;
}

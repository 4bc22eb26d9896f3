/**
 * The HTML report's script: everything it shows is embedded in the page (no network). It reads
 * the run's SummaryView and trades (script#report-data), the decisions behind the trades
 * (script#decisions, read on the first drill-down) and each coin's candles (read when that coin
 * is shown), and renders: summary, events, path charts, breakdowns, the candlestick chart per coin,
 * and the filterable trade list whose decision links open the drill-down.
 */
import { renderBreakdowns } from "../shared/breakdowns.ts";
import { type Bar, CandleChart } from "../shared/candle-chart.ts";
import { renderCoverage } from "../shared/coverage.ts";
import { cumulativeRChart, equityChart } from "../shared/curve-charts.ts";
import { byId, h } from "../shared/dom.ts";
import { renderDrilldown } from "../shared/drilldown.ts";
import { renderEvents } from "../shared/events-panel.ts";
import { type Columnar, readPacked, rowsOf } from "../shared/packed.ts";
import { renderSummary } from "../shared/summary-panel.ts";
import type { SummaryView } from "../shared/summary-view.ts";
import { TradeList } from "../shared/trade-list.ts";
import { chartTradeOf, type DecisionJson, type TradeJson } from "../shared/trade-types.ts";

/** What script#report-data holds. */
export interface ReportData {
  summary: SummaryView;
  /** TradeJson rows as columns, newest first. */
  trades: Columnar;
  /** coin → the interval of its embedded bars (script#candles-<n>) and that script's index. */
  candles: Record<string, { interval: string; index: number }>;
}

/** script#decisions: the decision behind each trade, DecisionJson rows as columns. */
export type ReportDecisions = Columnar;

function renderFigures(v: SummaryView): void {
  renderSummary(byId("summary"), v);
  renderEvents(byId("events-panel"), v.events, v.window);
  renderCoverage(byId("coverage"), v.coverage);
  const warnings = byId("warnings");
  warnings.replaceChildren(...v.warnings.map((w) => h("li", {}, w)));
  warnings.hidden = v.warnings.length === 0;
  equityChart(byId("equity-chart"), v.live?.equity ?? [], v.events);
  cumulativeRChart(byId("r-chart"), v.shadow.curve, v.events);
  renderBreakdowns(byId("breakdowns"), v);
}

async function main(): Promise<void> {
  const data = await readPacked<ReportData>("report-data");
  const trades = rowsOf<TradeJson>(data.trades);
  performance.mark("hlbot-report-data");
  renderFigures(data.summary);
  performance.mark("hlbot-report-figures");

  const bars = new Map<string, Bar[]>();
  const chart = new CandleChart(byId("candles"), {
    load: async (coin) => {
      const entry = data.candles[coin];
      if (!entry) return { interval: "—", bars: [] };
      let list = bars.get(coin);
      if (!list) {
        list = await readPacked<Bar[]>(`candles-${entry.index}`);
        bars.set(coin, list);
      }
      return { interval: entry.interval, bars: list };
    },
  });
  const coins = Object.keys(data.candles).sort();
  chart.setCoins(coins);
  chart.setTrades(trades.map(chartTradeOf));

  let decisions: Promise<Map<number, DecisionJson>> | null = null;
  const decisionOf = async (id: number | null): Promise<DecisionJson | null> => {
    decisions ??= readPacked<ReportDecisions>("decisions").then(
      (c) => new Map(rowsOf<DecisionJson>(c).map((d) => [d.id, d])),
    );
    return id === null ? null : ((await decisions).get(id) ?? null);
  };
  const drill = byId("drilldown");
  const select = async (t: TradeJson) => {
    renderDrilldown(drill, await decisionOf(t.decision_id), t);
    await chart.focus(chartTradeOf(t));
  };
  const list = new TradeList({
    id: "trades",
    onSelect: (t) => void select(t),
    decisionHref: (t) => `#decision-${t.decision_id}`,
  });
  byId("trade-list").replaceChildren(list.root);
  list.setTrades(trades);
  performance.mark("hlbot-report-trades");

  const byDecision = new Map(trades.filter((t) => t.decision_id !== null).map((t) => [t.decision_id!, t]));
  const route = async () => {
    const m = /^#decision-(\d+)$/.exec(location.hash);
    const t = m ? byDecision.get(Number(m[1])) : undefined;
    if (!t) return;
    await select(t);
    drill.scrollIntoView({ block: "start" });
  };
  window.addEventListener("hashchange", () => void route());
  if (coins[0]) await chart.show(coins[0]);
  // Ready to read: the benchmark (bench/report.ts) measures the load up to this mark.
  performance.mark("hlbot-report-loaded");
  document.body.dataset.loaded = "1";
  await route();
}

void main();

/**
 * The HTML report's script: everything it shows is embedded in the page (no network). It reads
 * the run's SummaryView, trades, the decisions behind them and each coin's candles (parsed only
 * when that coin is shown), and renders: summary, events, path charts, breakdowns, the candlestick
 * chart per coin, and the filterable trade list whose decision links open the drill-down.
 */
import { renderBreakdowns } from "../shared/breakdowns.ts";
import { type Bar, CandleChart } from "../shared/candle-chart.ts";
import { renderCoverage } from "../shared/coverage.ts";
import { cumulativeRChart, equityChart } from "../shared/curve-charts.ts";
import { byId, h } from "../shared/dom.ts";
import { renderDrilldown } from "../shared/drilldown.ts";
import { renderEvents } from "../shared/events-panel.ts";
import { renderSummary } from "../shared/summary-panel.ts";
import type { SummaryView } from "../shared/summary-view.ts";
import { TradeList } from "../shared/trade-list.ts";
import { chartTradeOf, type DecisionJson, type TradeJson } from "../shared/trade-types.ts";

export interface ReportData {
  summary: SummaryView;
  trades: TradeJson[];
  decisions: Record<string, DecisionJson>;
  /** coin → the interval of its embedded bars (script#candles-<n>) and that script's index. */
  candles: Record<string, { interval: string; index: number }>;
}

function readJson<T>(id: string): T {
  return JSON.parse(byId(id).textContent ?? "null") as T;
}

function main(): void {
  const data = readJson<ReportData>("report-data");
  const v = data.summary;
  renderSummary(byId("summary"), v);
  renderEvents(byId("events-panel"), v.events, v.window);
  renderCoverage(byId("coverage"), v.coverage);
  const warnings = byId("warnings");
  warnings.replaceChildren(...v.warnings.map((w) => h("li", {}, w)));
  warnings.hidden = v.warnings.length === 0;
  equityChart(byId("equity-chart"), v.live?.equity ?? [], v.events);
  cumulativeRChart(byId("r-chart"), v.shadow.curve, v.events);
  renderBreakdowns(byId("breakdowns"), v);

  const bars = new Map<string, Bar[]>();
  const chart = new CandleChart(byId("candles"), {
    load: async (coin) => {
      const entry = data.candles[coin];
      if (!entry) return { interval: "—", bars: [] };
      let list = bars.get(coin);
      if (!list) {
        list = readJson<Bar[]>(`candles-${entry.index}`);
        bars.set(coin, list);
      }
      return { interval: entry.interval, bars: list };
    },
  });
  const coins = Object.keys(data.candles).sort();
  chart.setCoins(coins);
  chart.setTrades(data.trades.map(chartTradeOf));

  const drill = byId("drilldown");
  const select = (t: TradeJson) => {
    renderDrilldown(drill, t.decision_id === null ? null : (data.decisions[t.decision_id] ?? null), t);
    void chart.focus(chartTradeOf(t));
  };
  const list = new TradeList({
    id: "trades",
    onSelect: select,
    decisionHref: (t) => `#decision-${t.decision_id}`,
  });
  byId("trade-list").replaceChildren(list.root);
  list.setTrades(data.trades);

  const byDecision = new Map(
    data.trades.filter((t) => t.decision_id !== null).map((t) => [t.decision_id!, t]),
  );
  const route = () => {
    const m = /^#decision-(\d+)$/.exec(location.hash);
    const t = m ? byDecision.get(Number(m[1])) : undefined;
    if (t) {
      select(t);
      drill.scrollIntoView({ block: "start" });
    }
  };
  window.addEventListener("hashchange", route);
  const first = coins[0];
  const ready = first ? chart.show(first) : Promise.resolve();
  void ready.then(() => {
    route();
    document.body.dataset.loaded = "1";
  });
}

main();

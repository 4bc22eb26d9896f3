/**
 * The dashboard's script. It polls the JSON routes every `data-refresh` seconds and renders the
 * view the URL names: the daemon (its last 7 days, with its health) or one backtest run (the whole
 * run, with its banner; ?run_id=N), optionally one path (?mode=shadow|live). Panels are redrawn
 * only when their data changed, so a chart keeps its zoom between refreshes. After each refresh
 * body[data-loaded] counts the refreshes done.
 */
import { renderBreakdowns } from "../shared/breakdowns.ts";
import { CandleChart } from "../shared/candle-chart.ts";
import { cumulativeRChart, equityChart } from "../shared/curve-charts.ts";
import { byId } from "../shared/dom.ts";
import { renderDrilldown } from "../shared/drilldown.ts";
import { renderEvents } from "../shared/events-panel.ts";
import { renderSummary } from "../shared/summary-panel.ts";
import type { SummaryView } from "../shared/summary-view.ts";
import { TradeList } from "../shared/trade-list.ts";
import {
  type ChartTrade,
  chartPositionOf,
  chartTradeOf,
  type DecisionJson,
  type OpenPositionJson,
  type TradeJson,
} from "../shared/trade-types.ts";
import { Api, ApiError, currentView } from "./api.ts";
import {
  type HealthJson,
  type RunJson,
  renderDecisions,
  renderDemo,
  renderHealth,
  renderPositions,
  renderRunBanner,
  renderRunPicker,
} from "./panels.ts";

const TRADES_LOADED = 200;
const DECISIONS_SHOWN = 15;
const CANDLE_LIMIT = 5000;

const view = currentView();
const api = new Api(view);
const refreshSeconds = Number(document.body.dataset.refresh) || 10;
let summary: SummaryView | null = null;
let trades: TradeJson[] = [];
/** Pages of older trades the user asked for ("load older"), kept across refreshes. */
let older: TradeJson[] = [];
let olderCursor: string | null = null;
let positions: OpenPositionJson[] = [];
const seen = new Map<string, string>();
let loads = 0;

/** Runs `render` with the parsed body only when the body differs from the last one seen. */
async function changed<T>(
  key: string,
  path: string,
  render: (body: T) => void,
  scoped = true,
): Promise<void> {
  const text = await api.text(path, scoped);
  if (seen.get(key) === text) return;
  seen.set(key, text);
  render(JSON.parse(text) as T);
}

const chart = new CandleChart(byId("candles"), {
  load: async (coin, range) => {
    const w = range ?? summary?.window ?? null;
    const q = new URLSearchParams({ coin, limit: String(CANDLE_LIMIT) });
    if (w) {
      q.set("from", String(Math.max(0, Math.floor(w.from))));
      q.set("to", String(Math.ceil(w.to)));
    }
    const body = await api.json<{ interval: string; bars: [number, number, number, number, number][] }>(
      `/candles?${q}`,
      false,
    );
    return { interval: body.interval, bars: body.bars };
  },
});

function chartTrades(): ChartTrade[] {
  return [...trades.map(chartTradeOf), ...positions.map(chartPositionOf)];
}

function syncChart(): void {
  const coins = new Set<string>([
    ...Object.keys(summary?.shadow.byCoin ?? {}),
    ...Object.keys(summary?.live?.byCoin ?? {}),
    ...trades.map((t) => t.coin),
    ...positions.map((p) => p.coin),
  ]);
  chart.setCoins([...coins].sort());
  chart.setTrades(chartTrades());
  const first = trades[0]?.coin ?? positions[0]?.coin ?? [...coins][0];
  if (!chart.current && first) void chart.show(first);
}

async function drill(
  decisionId: number | null,
  trade: TradeJson | null,
  focus: ChartTrade | null,
): Promise<void> {
  const d =
    decisionId === null
      ? null
      : (await api.json<{ decision: DecisionJson }>(`/decisions/${decisionId}`, false)).decision;
  const linked = trade ?? (d?.trade ? (trades.find((t) => t.id === d.trade!.position_id) ?? null) : null);
  renderDrilldown(byId("drilldown"), d, linked);
  const target = focus ?? (linked ? chartTradeOf(linked) : d ? decisionMark(d) : null);
  if (target) await chart.focus(target);
  byId("drilldown").scrollIntoView({ block: "nearest" });
}

/** A decision without a trade, drawn at its signal: planned entry, stop and target. */
function decisionMark(d: DecisionJson): ChartTrade {
  return {
    id: -d.id,
    coin: d.coin,
    side: d.side,
    mode: d.mode,
    openedAt: d.created_at,
    closedAt: d.created_at,
    entryPx: d.entry_ref,
    stopPx: d.stop,
    targetPx: d.target,
    exits: [],
  };
}

const list = new TradeList({
  id: "trades",
  onSelect: (t) => void drill(t.decision_id, t, null),
  decisionHref: (t) => `#decision-${t.decision_id}`,
});
const moreButton = byId<HTMLButtonElement>("trades-more");
byId("trade-list").replaceChildren(list.root);
let firstPage: TradeJson[] = [];

function setTrades(page: TradeJson[]): void {
  firstPage = page;
  const seen = new Set(page.map((t) => t.id));
  trades = [...page, ...older.filter((t) => !seen.has(t.id))];
  list.setTrades(trades);
  moreButton.hidden = olderCursor === null;
  syncChart();
}

moreButton.addEventListener("click", async () => {
  if (!olderCursor) return;
  const b = await api.json<{ trades: TradeJson[]; next_cursor: string | null }>(
    `/trades?limit=${TRADES_LOADED}&cursor=${encodeURIComponent(olderCursor)}`,
  );
  older = [...older, ...b.trades];
  olderCursor = b.next_cursor;
  setTrades(firstPage);
});
window.addEventListener("hashchange", () => {
  const m = /^#decision-(\d+)$/.exec(location.hash);
  if (m) void drill(Number(m[1]), null, null);
});

function renderView(body: { summary: SummaryView }): void {
  summary = body.summary;
  const only = view.mode ?? undefined;
  renderSummary(byId("summary"), summary, only);
  renderEvents(byId("events-panel"), summary.events, summary.window);
  byId("live-chart-panel").hidden = view.mode === "shadow";
  byId("r-chart-panel").hidden = view.mode === "live";
  equityChart(byId("equity-chart"), summary.live?.equity ?? [], summary.events);
  cumulativeRChart(byId("r-chart"), summary.shadow.curve, summary.events);
  renderBreakdowns(byId("breakdowns"), summary);
  byId("m-window").textContent =
    `${new Date(summary.window.from).toISOString().slice(0, 16).replace("T", " ")} → ${new Date(summary.window.to).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  syncChart();
}

async function refresh(): Promise<void> {
  const daemonView = view.runId === 0;
  const jobs: [string, () => Promise<void>][] = [
    [
      "health",
      async () => {
        const hl = await api.json<HealthJson>("/health", false);
        renderDemo(hl);
        renderHealth(hl, daemonView);
      },
    ],
    [
      "runs",
      () =>
        changed<{ runs: RunJson[] }>(
          "runs",
          "/runs?limit=500",
          (b) => {
            renderRunPicker(b.runs, view.runId);
            renderRunBanner(b.runs.find((r) => r.id === view.runId) ?? null);
          },
          false,
        ),
    ],
    ["summary", () => changed("summary", "/summary", renderView)],
    [
      "positions",
      () =>
        changed<{ positions: OpenPositionJson[] }>("positions", "/positions", (b) => {
          positions = b.positions;
          renderPositions(positions, (p) => void drill(p.decision_id, null, chartPositionOf(p)));
          syncChart();
        }),
    ],
    [
      "trades",
      () =>
        changed<{ trades: TradeJson[]; next_cursor: string | null }>(
          "trades",
          `/trades?limit=${TRADES_LOADED}`,
          (b) => {
            if (older.length === 0) olderCursor = b.next_cursor;
            setTrades(b.trades);
          },
        ),
    ],
    [
      "decisions",
      () =>
        changed<{ decisions: DecisionJson[] }>("decisions", `/decisions?limit=${DECISIONS_SHOWN}`, (b) =>
          renderDecisions(b.decisions, (d) => void drill(d.id, null, null)),
        ),
    ],
  ];
  const results = await Promise.allSettled(jobs.map(([, job]) => job()));
  const failed = results.flatMap((r, i) =>
    r.status === "rejected" ? [`${jobs[i]![0]}: ${(r.reason as Error).message}`] : [],
  );
  const missingRun = results.some(
    (r) => r.status === "rejected" && r.reason instanceof ApiError && r.reason.status === 404,
  );
  const updated = byId("updated");
  if (missingRun) {
    updated.textContent = `no backtest run ${view.runId} in this ledger`;
    updated.className = "meta error";
  } else if (failed.length) {
    updated.textContent = `refresh failed (${failed.join("; ")})`;
    updated.className = "meta error";
    if (failed.some((f) => f.startsWith("health"))) {
      const pill = byId("status");
      pill.textContent = "UNREACHABLE";
      pill.className = "pill down";
    }
    for (const f of failed) console.error(f);
  } else {
    updated.textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC · every ${refreshSeconds} s`;
    updated.className = "meta";
  }
  loads += 1;
  document.body.dataset.loaded = String(loads);
}

byId<HTMLSelectElement>("run-picker").addEventListener("change", (e) => {
  const id = (e.target as HTMLSelectElement).value;
  const q = new URLSearchParams(location.search);
  if (id === "0") q.delete("run_id");
  else q.set("run_id", id);
  location.search = q.toString();
});
for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("#modes a"))) {
  const q = new URLSearchParams(location.search);
  if (a.dataset.mode) q.set("mode", a.dataset.mode);
  else q.delete("mode");
  a.href = `?${q}`;
  a.classList.toggle("active", (a.dataset.mode || null) === view.mode);
}
byId("m-run").textContent = view.runId === 0 ? "daemon" : `backtest #${view.runId}`;

async function loop(): Promise<void> {
  await refresh();
  setTimeout(() => void loop(), refreshSeconds * 1000);
}
void loop();

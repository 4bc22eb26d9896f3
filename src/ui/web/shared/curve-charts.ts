/**
 * The two path charts. Live: account equity as a baseline series around the starting equity (the
 * 0% line: green above, red below) with a drawdown pane under it (0% line at the top). Shadow:
 * cumulative R after each closed trade around 0R. Events (kill switch, halts, ruin, gaps) are
 * markers on both.
 */
import {
  AreaSeries,
  BaselineSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  LineStyle,
  type SeriesMarker,
  type UTCTimestamp,
} from "lightweight-charts";
import { baseOptions, palette, sec, uniqueTimes } from "./chart-theme.ts";
import { fmtPct, fmtR, fmtUsd } from "./format.ts";
import type { RunEvent } from "./summary-view.ts";

function eventMarkers(
  events: RunEvent[] | null,
  mode: "shadow" | "live",
  first: number,
  last: number,
): SeriesMarker<UTCTimestamp>[] {
  const p = palette();
  return (events ?? [])
    .filter((e) => (e.mode === null || e.mode === mode) && e.t >= first && e.t <= last)
    .sort((a, b) => a.t - b.t)
    .map((e) => ({
      time: sec(e.t),
      position: "aboveBar" as const,
      shape: "square" as const,
      color: e.kind === "data_gap" ? p.text : p.warn,
      text: e.kind,
    }));
}

function empty(root: HTMLElement, text: string): null {
  root.replaceChildren();
  const p = document.createElement("p");
  p.className = "note chart-empty";
  p.textContent = text;
  root.append(p);
  return null;
}

/** Live equity + drawdown; returns the chart (null when there is nothing to draw). */
export function equityChart(
  root: HTMLElement,
  equity: { t: number; equity: number; drawdownPct: number }[],
  events: RunEvent[] | null,
): IChartApi | null {
  if (equity.length < 2) return empty(root, "No live equity in this view.");
  root.replaceChildren();
  const p = palette();
  const start = equity[0]!.equity;
  const chart = createChart(root, baseOptions());
  const line = chart.addSeries(BaselineSeries, {
    priceFormat: { type: "custom", formatter: (v: number) => fmtUsd(v, false), minMove: 0.01 },
    baseValue: { type: "price", price: start },
    topLineColor: p.up,
    bottomLineColor: p.down,
    topFillColor1: "rgba(46,204,143,0.18)",
    topFillColor2: "rgba(46,204,143,0.02)",
    bottomFillColor1: "rgba(255,93,108,0.02)",
    bottomFillColor2: "rgba(255,93,108,0.18)",
    lineWidth: 2,
    title: "equity",
  });
  line.setData(uniqueTimes(equity.map((q) => ({ time: sec(q.t), value: q.equity }))));
  line.createPriceLine({
    price: start,
    color: p.text,
    lineStyle: LineStyle.Dashed,
    lineWidth: 1,
    title: "start (0%)",
    axisLabelVisible: true,
  });
  createSeriesMarkers(line, eventMarkers(events, "live", equity[0]!.t, equity.at(-1)!.t));
  const dd = chart.addSeries(
    AreaSeries,
    {
      lineColor: p.down,
      topColor: "rgba(255,93,108,0.05)",
      bottomColor: "rgba(255,93,108,0.35)",
      lineWidth: 1,
      title: "drawdown",
      priceFormat: { type: "custom", formatter: (v: number) => fmtPct(v, true, 1), minMove: 0.01 },
    },
    1,
  );
  dd.setData(uniqueTimes(equity.map((q) => ({ time: sec(q.t), value: -q.drawdownPct }))));
  dd.createPriceLine({
    price: 0,
    color: p.text,
    lineStyle: LineStyle.Dashed,
    lineWidth: 1,
    title: "0%",
    axisLabelVisible: false,
  });
  chart.panes()[1]?.setHeight(90);
  chart.timeScale().fitContent();
  return chart;
}

/** Shadow cumulative R around the 0R line. */
export function cumulativeRChart(
  root: HTMLElement,
  curve: { t: number; cumR: number }[],
  events: RunEvent[] | null,
): IChartApi | null {
  if (curve.length < 1) return empty(root, "No closed shadow trade in this view.");
  root.replaceChildren();
  const p = palette();
  const chart = createChart(root, baseOptions());
  const series = chart.addSeries(BaselineSeries, {
    priceFormat: { type: "custom", formatter: (v: number) => fmtR(v, 1), minMove: 0.01 },
    baseValue: { type: "price", price: 0 },
    topLineColor: p.accent,
    bottomLineColor: p.down,
    topFillColor1: "rgba(90,169,255,0.18)",
    topFillColor2: "rgba(90,169,255,0.02)",
    bottomFillColor1: "rgba(255,93,108,0.02)",
    bottomFillColor2: "rgba(255,93,108,0.18)",
    lineWidth: 2,
    title: "cumulative R",
  });
  const first = curve[0]!.t;
  const points = [
    { time: sec(first - 1000), value: 0 },
    ...curve.map((q) => ({ time: sec(q.t), value: q.cumR })),
  ];
  series.setData(uniqueTimes(points));
  series.createPriceLine({
    price: 0,
    color: p.text,
    lineStyle: LineStyle.Dashed,
    lineWidth: 1,
    title: "0R",
    axisLabelVisible: true,
  });
  createSeriesMarkers(series, eventMarkers(events, "shadow", first, curve.at(-1)!.t));
  chart.timeScale().fitContent();
  return chart;
}

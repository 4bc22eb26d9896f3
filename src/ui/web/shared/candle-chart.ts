/**
 * The candlestick chart of one coin with its trades — the SAME component in the report and the
 * dashboard (only where the candles come from differs: embedded in the report, GET /candles on the
 * dashboard). Entries are arrows at the entry price, exits circles at the exit price (labelled with
 * the reason), stops and targets squares at their price (for the focused trade only past
 * STOP_TARGET_MARKERS_MAX trades of the coin); a focused trade also gets entry, stop and
 * target lines across the chart. A coin picker switches coin; zoom with the wheel, a pinch or drag,
 * "fit" shows everything, "trade" returns to the focused trade.
 * After each draw the root carries data-coin, data-interval, data-bars and data-markers.
 */
import {
  type AutoscaleInfo,
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  LineStyle,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { baseOptions, palette, sec } from "./chart-theme.ts";
import { h } from "./dom.ts";
import { fmtPx, fmtTime } from "./format.ts";
import type { Window } from "./summary-view.ts";
import type { ChartTrade } from "./trade-types.ts";

/** [open time ms, open, high, low, close, …] */
export type Bar = [number, number, number, number, number, ...number[]];

export interface CandleSource {
  /** Bars of `coin` over `range` (null: the view's whole window), at an interval the source picks. */
  load(coin: string, range: Window | null): Promise<{ interval: string; bars: Bar[] }>;
}

const HOUR = 3_600_000;
/** Trades of one coin up to which every trade's stop and target are drawn as squares. */
export const STOP_TARGET_MARKERS_MAX = 300;

export class CandleChart {
  private readonly picker: HTMLSelectElement;
  private readonly label: HTMLElement;
  private readonly area: HTMLElement;
  private chart: IChartApi | null = null;
  private series: ISeriesApi<"Candlestick"> | null = null;
  private markers: ISeriesMarkersPluginApi<Time> | null = null;
  private lines: IPriceLine[] = [];
  private trades: ChartTrade[] = [];
  private bars: Bar[] = [];
  private coin: string | null = null;
  private focused: ChartTrade | null = null;
  private seq = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly source: CandleSource,
  ) {
    this.picker = h("select", { class: "coin-picker", "aria-label": "coin" });
    this.label = h("span", { class: "muted chart-label" });
    const fit = h("button", { type: "button", class: "btn", title: "show every bar" }, "fit");
    const back = h("button", { type: "button", class: "btn", title: "zoom to the focused trade" }, "trade");
    this.area = h("div", { class: "candle-area" });
    root.replaceChildren(h("div", { class: "chart-tools" }, this.picker, this.label, fit, back), this.area);
    this.picker.addEventListener("change", () => {
      this.focused = null;
      void this.show(this.picker.value);
    });
    fit.addEventListener("click", () => this.chart?.timeScale().fitContent());
    back.addEventListener("click", () => {
      if (this.focused) void this.focus(this.focused);
    });
  }

  setCoins(coins: string[]): void {
    const keep = this.picker.value;
    this.picker.replaceChildren(...coins.map((c) => h("option", { value: c }, c)));
    if (coins.includes(keep)) this.picker.value = keep;
  }

  /** The trades drawn (markers for those of the shown coin); redraws the markers. */
  setTrades(trades: ChartTrade[]): void {
    this.trades = trades;
    this.drawMarkers();
  }

  get current(): string | null {
    return this.coin;
  }

  /** Draws `coin` over `range` (null: the whole view). */
  async show(coin: string, range: Window | null = null): Promise<void> {
    const seq = ++this.seq;
    const { interval, bars } = await this.source.load(coin, range);
    if (seq !== this.seq) return; // a later request won
    this.coin = coin;
    this.bars = bars;
    if (!Array.from(this.picker.options).some((o) => o.value === coin))
      this.picker.append(h("option", { value: coin }, coin));
    this.picker.value = coin;
    this.label.textContent = `${coin} · ${interval} · ${bars.length.toLocaleString("en-US")} bars`;
    this.draw();
    this.root.dataset.coin = coin;
    this.root.dataset.interval = interval;
    this.root.dataset.bars = String(bars.length);
  }

  /** Shows the trade's coin around it, with entry, stop and target lines. */
  async focus(trade: ChartTrade): Promise<void> {
    this.focused = trade;
    const end = trade.closedAt ?? Date.now();
    const pad = Math.max(12 * HOUR, (end - trade.openedAt) * 0.6);
    await this.show(trade.coin, { from: trade.openedAt - 2 * pad, to: end + pad });
    if (this.focused !== trade || !this.chart) return;
    this.chart.timeScale().setVisibleRange({ from: sec(trade.openedAt - pad), to: sec(end + pad) });
    this.root.dataset.focus = String(trade.id);
  }

  private draw(): void {
    const p = palette();
    if (!this.chart) {
      this.chart = createChart(this.area, baseOptions());
      this.series = this.chart.addSeries(CandlestickSeries, {
        upColor: p.up,
        downColor: p.down,
        wickUpColor: p.up,
        wickDownColor: p.down,
        borderVisible: false,
        priceFormat: { type: "custom", formatter: (v: number) => fmtPx(v), minMove: 0.000001 },
        // A focused trade's stop and target stay on screen: the price scale takes them in.
        autoscaleInfoProvider: (base: () => AutoscaleInfo | null) => {
          const info = base();
          const f = this.focused;
          if (!info?.priceRange || !f || f.coin !== this.coin) return info;
          const lo = Math.min(info.priceRange.minValue, f.stopPx, f.targetPx, f.entryPx);
          const hi = Math.max(info.priceRange.maxValue, f.stopPx, f.targetPx, f.entryPx);
          return { ...info, priceRange: { minValue: lo, maxValue: hi } };
        },
      });
      this.markers = createSeriesMarkers(this.series, [], { zOrder: "top" });
    }
    const series = this.series!;
    series.setData(
      this.bars.map((b) => ({ time: sec(b[0]), open: b[1], high: b[2], low: b[3], close: b[4] })),
    );
    this.drawMarkers();
    if (!this.focused) this.chart.timeScale().fitContent();
  }

  /** The open time of the bar holding `t` (markers sit on bars), or null outside the bars. */
  private barAt(t: number): UTCTimestamp | null {
    const bars = this.bars;
    if (bars.length === 0 || t < bars[0]![0]) return null;
    let lo = 0;
    let hi = bars.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bars[mid]![0] <= t) lo = mid;
      else hi = mid - 1;
    }
    const step = bars.length > 1 ? bars[1]![0] - bars[0]![0] : HOUR;
    return t - bars[lo]![0] > 4 * step ? null : sec(bars[lo]![0]);
  }

  private drawMarkers(): void {
    if (!this.series || !this.markers) return;
    const p = palette();
    const out: SeriesMarker<Time>[] = [];
    const mine = this.trades.filter((tr) => tr.coin === this.coin);
    // Past a few hundred trades, every stop and target square would hide the candles (and cost a
    // second to draw): they are drawn for the focused trade only, as lines.
    const squares = mine.length <= STOP_TARGET_MARKERS_MAX;
    for (const tr of mine) {
      const at = this.barAt(tr.openedAt);
      const focus = this.focused?.id === tr.id && this.focused.mode === tr.mode;
      if (at !== null) {
        const long = tr.side === "long";
        out.push({
          time: at,
          position: long ? "atPriceBottom" : "atPriceTop",
          price: tr.entryPx,
          shape: long ? "arrowUp" : "arrowDown",
          color: long ? p.up : p.down,
          text: focus ? tr.side : "",
        });
      }
      if (at !== null && squares) {
        out.push({
          time: at,
          position: "atPriceMiddle",
          price: tr.stopPx,
          shape: "square",
          color: p.down,
          size: 0.5,
        });
        out.push({
          time: at,
          position: "atPriceMiddle",
          price: tr.targetPx,
          shape: "square",
          color: p.up,
          size: 0.5,
        });
      }
      for (const x of tr.exits) {
        const xt = this.barAt(x.t);
        if (xt === null) continue;
        out.push({
          time: xt,
          position: "atPriceMiddle",
          price: x.px,
          shape: "circle",
          color: tr.mode === "live" ? p.live : p.accent,
          text: focus ? x.reason : "",
        });
      }
    }
    out.sort((a, b) => (a.time as number) - (b.time as number));
    this.markers.setMarkers(out);
    this.root.dataset.markers = String(out.length);
    this.root.dataset.squares = squares ? "all" : "focused";
    for (const line of this.lines) this.series.removePriceLine(line);
    this.lines = [];
    const f = this.focused;
    if (f && f.coin === this.coin) {
      const line = (price: number, color: string, title: string, style = LineStyle.Dashed) =>
        this.series!.createPriceLine({
          price,
          color,
          lineStyle: style,
          lineWidth: 1,
          title,
          axisLabelVisible: true,
        });
      this.lines = [
        line(f.entryPx, p.accent, `entry ${fmtTime(f.openedAt)}`, LineStyle.Solid),
        line(f.stopPx, p.down, "stop"),
        line(f.targetPx, p.up, "target"),
      ];
    }
  }
}

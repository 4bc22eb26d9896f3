/**
 * The trade list: every closed trade with coin, side, strategy, entry/exit time and price, size,
 * fees, slippage, funding, R, exit reason and a link to the decision behind it. Filterable (coin,
 * side, strategy, path, exit reason), sortable by a header click, and paged, so a 10,000-trade run
 * renders one page of rows, not ten thousand.
 */
import { h, tag } from "./dom.ts";
import { fmtPx, fmtR, fmtTime, fmtUsd, tone } from "./format.ts";
import type { TradeJson } from "./trade-types.ts";

export const PAGE_ROWS = 50;

type Key = keyof TradeJson;
const COLUMNS: [string, Key, boolean][] = [
  ["Closed", "closed_at", false],
  ["Coin", "coin", false],
  ["Side", "side", false],
  ["Path", "mode", false],
  ["Strategy", "strategy", false],
  ["Entry", "opened_at", false],
  ["Entry px", "entry_px", true],
  ["Exit px", "exit_px", true],
  ["Size", "initial_size", true],
  ["Fees", "fees", true],
  ["Slip", "slippage", true],
  ["Funding", "funding", true],
  ["Net PnL", "net_pnl", true],
  ["R", "r_multiple", true],
  ["Exit", "exit_reason", false],
  ["Decision", "decision_id", true],
];
const FILTERS: [string, Key][] = [
  ["coin", "coin"],
  ["side", "side"],
  ["strategy", "strategy"],
  ["path", "mode"],
  ["exit", "exit_reason"],
];

export interface TradeListOptions {
  id: string;
  /** A row or its decision link was chosen. */
  onSelect: (trade: TradeJson) => void;
  /** The decision link's href (e.g. "#decision-12"). */
  decisionHref: (trade: TradeJson) => string;
}

export class TradeList {
  readonly root: HTMLElement;
  private readonly tbody = h("tbody");
  private readonly heads: HTMLElement[];
  private readonly selects = new Map<Key, HTMLSelectElement>();
  private readonly pager = h("span", { class: "muted pager-text" });
  private trades: TradeJson[] = [];
  private shown: TradeJson[] = [];
  private page = 0;
  private sort: { key: Key; desc: boolean } = { key: "closed_at", desc: true };

  constructor(private readonly opts: TradeListOptions) {
    this.heads = COLUMNS.map(([label, key, num]) => {
      const th = h("th", { class: `${num ? "num " : ""}sortable`, title: `sort by ${label}` }, label);
      th.addEventListener("click", () => {
        this.sort = { key, desc: this.sort.key === key ? !this.sort.desc : num || key.endsWith("_at") };
        this.apply();
      });
      return th;
    });
    const filters = h("div", { class: "filters" });
    for (const [label, key] of FILTERS) {
      const s = h("select", { "aria-label": label, "data-filter": key });
      s.addEventListener("change", () => {
        this.page = 0;
        this.apply();
      });
      this.selects.set(key, s);
      filters.append(h("label", {}, `${label} `, s));
    }
    const prev = h("button", { type: "button", class: "btn" }, "‹ newer");
    const next = h("button", { type: "button", class: "btn" }, "older ›");
    prev.addEventListener("click", () => this.turn(-1));
    next.addEventListener("click", () => this.turn(1));
    this.root = h(
      "div",
      { class: "trade-list" },
      filters,
      h(
        "div",
        { class: "scroll" },
        h("table", { id: opts.id }, h("thead", {}, h("tr", {}, ...this.heads)), this.tbody),
      ),
      h("div", { class: "pager" }, prev, this.pager, next),
    );
  }

  setTrades(trades: TradeJson[]): void {
    this.trades = trades;
    for (const [key, s] of this.selects) {
      const keep = s.value;
      const values = [...new Set(trades.map((t) => String(t[key] ?? "—")))].sort();
      s.replaceChildren(
        h("option", { value: "" }, "all"),
        ...values.map((v) => h("option", { value: v }, v)),
      );
      s.value = values.includes(keep) ? keep : "";
    }
    this.apply();
  }

  /** Trades passing the filters, in the list's order. */
  get filtered(): readonly TradeJson[] {
    return this.shown;
  }

  private turn(d: number): void {
    const pages = Math.max(1, Math.ceil(this.shown.length / PAGE_ROWS));
    this.page = Math.min(pages - 1, Math.max(0, this.page + d));
    this.render();
  }

  private apply(): void {
    const active = [...this.selects].filter(([, s]) => s.value !== "");
    const { key, desc } = this.sort;
    this.shown = this.trades
      .filter((t) => active.every(([k, s]) => String(t[k] ?? "—") === s.value))
      .sort((a, b) => {
        const x = a[key] as number | string | null;
        const y = b[key] as number | string | null;
        if (x === y) return b.id - a.id;
        if (x === null) return 1;
        if (y === null) return -1;
        const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return desc ? -d : d;
      });
    this.heads.forEach((th, i) => {
      th.setAttribute("aria-sort", COLUMNS[i]![1] === key ? (desc ? "descending" : "ascending") : "none");
    });
    this.render();
  }

  private render(): void {
    const pages = Math.max(1, Math.ceil(this.shown.length / PAGE_ROWS));
    this.page = Math.min(this.page, pages - 1);
    const rows = this.shown.slice(this.page * PAGE_ROWS, (this.page + 1) * PAGE_ROWS);
    this.pager.textContent = `${this.shown.length.toLocaleString("en-US")} of ${this.trades.length.toLocaleString("en-US")} trades · page ${this.page + 1} of ${pages}`;
    this.tbody.replaceChildren(
      ...(rows.length === 0
        ? [h("tr", {}, h("td", { class: "empty", colspan: COLUMNS.length }, "no closed trades"))]
        : rows.map((t) => this.row(t))),
    );
  }

  private row(t: TradeJson): HTMLElement {
    const link = t.decision_id
      ? h("a", { href: this.opts.decisionHref(t), class: "decision-link" }, `#${t.decision_id}`)
      : "—";
    const tr = h(
      "tr",
      { "data-id": t.id, "data-mode": t.mode, class: "clickable" },
      h("td", { class: "muted" }, fmtTime(t.closed_at)),
      h("td", {}, t.coin),
      h("td", {}, tag(t.side)),
      h("td", {}, tag(t.mode)),
      h("td", {}, t.strategy),
      h("td", { class: "muted" }, fmtTime(t.opened_at)),
      h("td", { class: "num" }, fmtPx(t.entry_px)),
      h("td", { class: "num" }, fmtPx(t.exit_px)),
      h("td", { class: "num" }, fmtPx(t.initial_size)),
      h("td", { class: "num" }, fmtUsd(t.fees, false)),
      h("td", { class: "num" }, fmtUsd(t.slippage, false)),
      h("td", { class: "num" }, fmtUsd(t.funding)),
      h("td", { class: `num ${tone(t.net_pnl)}` }, fmtUsd(t.net_pnl)),
      h("td", { class: `num ${tone(t.r_multiple)}` }, fmtR(t.r_multiple)),
      h("td", { class: "muted" }, t.exit_reason ?? "—"),
      h("td", { class: "num" }, link),
    );
    tr.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("a")) return; // the link navigates; the hash handler selects
      this.opts.onSelect(t);
    });
    return tr;
  }
}

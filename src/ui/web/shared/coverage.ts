/** What market data the run had: per coin × interval its first and last bar, bar count and gaps. */
import { h } from "./dom.ts";
import { fmtTime } from "./format.ts";
import type { SeriesCoverage } from "./summary-view.ts";

export function renderCoverage(root: HTMLElement, coverage: SeriesCoverage[] | null): void {
  if (coverage === null) {
    root.replaceChildren(h("p", { class: "note" }, "Data coverage was not recorded for this view."));
    return;
  }
  const rows = coverage.map((c) =>
    h(
      "tr",
      { "data-id": `${c.coin}-${c.interval}`, class: c.gaps.length ? "bad" : "" },
      h("td", {}, c.coin),
      h("td", {}, c.interval),
      h("td", { class: "muted" }, fmtTime(c.first)),
      h("td", { class: "muted" }, fmtTime(c.last)),
      h("td", { class: "num" }, c.bars.toLocaleString("en-US")),
      h(
        "td",
        {},
        c.gaps.length ? c.gaps.map((g) => `${fmtTime(g.from)} (${g.bars} bars)`).join(", ") : "none",
      ),
    ),
  );
  root.replaceChildren(
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { id: "coverage-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Coin", "Interval", "First bar", "Last bar", "Bars", "Gaps"].map((c) => h("th", {}, c)),
          ),
        ),
        h("tbody", {}, ...rows),
      ),
    ),
  );
}

/**
 * The breakdown sections of a view (per coin, per strategy, per month, per bucket), each with the
 * shadow table in R and the live table in R and USDC; the bucket section starts collapsed
 * (its tables are built when it is first opened).
 */
import { h } from "./dom.ts";
import { groupTable, monthTable } from "./group-tables.ts";
import type { SummaryView } from "./summary-view.ts";

function pair(title: string, shadow: HTMLElement, live: HTMLElement | null): HTMLElement[] {
  return [
    h("div", { class: "half" }, h("h4", {}, `Shadow · ${title} `, h("small", {}, "in R")), shadow),
    ...(live
      ? [h("div", { class: "half" }, h("h4", {}, `Live · ${title} `, h("small", {}, "in R and USDC")), live)]
      : []),
  ];
}

export function renderBreakdowns(root: HTMLElement, v: SummaryView): void {
  const scroll = (t: HTMLElement) => h("div", { class: "scroll" }, t);
  const l = v.live;
  root.replaceChildren(
    h(
      "section",
      { class: "panel wide", id: "per-coin" },
      h("h2", {}, "Per coin"),
      h(
        "div",
        { class: "pair" },
        ...pair(
          "per coin",
          scroll(groupTable("by-coin-shadow", "Coin", v.shadow.byCoin)),
          l && scroll(groupTable("by-coin-live", "Coin", l.byCoin, true)),
        ),
      ),
    ),
    h(
      "section",
      { class: "panel wide", id: "per-strategy" },
      h("h2", {}, "Per strategy"),
      h(
        "div",
        { class: "pair" },
        ...pair(
          "per strategy",
          scroll(groupTable("by-strategy-shadow", "Strategy", v.shadow.byStrategy)),
          l && scroll(groupTable("by-strategy-live", "Strategy", l.byStrategy, true)),
        ),
      ),
    ),
    h(
      "section",
      { class: "panel wide", id: "per-month" },
      h("h2", {}, "Per month ", h("small", {}, "live months compound to the total return")),
      h(
        "div",
        { class: "pair" },
        ...pair(
          "per month",
          scroll(groupTable("by-month-shadow", "Month", v.shadow.byMonth)),
          l && scroll(monthTable("by-month-live", l.byMonth)),
        ),
      ),
    ),
  );
  // The bucket tables (hundreds of rows) are built when the section is first opened.
  const buckets = h(
    "details",
    { class: "panel wide", id: "per-bucket" },
    h(
      "summary",
      {},
      `Per bucket (${Object.keys(v.shadow.byBucket).length}) — strategy | side | session | regime | vol bucket`,
    ),
  );
  buckets.addEventListener(
    "toggle",
    () => {
      buckets.append(
        h(
          "div",
          { class: "pair" },
          ...pair(
            "per bucket",
            scroll(groupTable("by-bucket-shadow", "Bucket", v.shadow.byBucket)),
            l && scroll(groupTable("by-bucket-live", "Bucket", l.byBucket, true)),
          ),
        ),
      );
    },
    { once: true },
  );
  root.append(buckets);
}

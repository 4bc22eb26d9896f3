/**
 * The two paths side by side. Shadow: a research sample in R (every candidate opened at 1R of a
 * fixed base — not an account, so no % return and no dollar equity). Live: an account (compounding
 * equity under every risk rule), with its trades also in R. Every figure carries the assumption it
 * holds under on the card that prints it.
 */
import { h, kpi } from "./dom.ts";
import { fmtCi, fmtNum, fmtPct, fmtR, fmtShare, fmtTime, fmtUsd, tone } from "./format.ts";
import type { LiveView, RStats, ShadowView, SummaryView } from "./summary-view.ts";

function rFigures(o: RStats): HTMLElement[] {
  return [
    kpi("Trades", String(o.trades), "", `${fmtNum(o.tradesPerDay)} a day`, "k-trades"),
    kpi("Total R", fmtR(o.totalR), tone(o.totalR), `${fmtR(o.rPerDay, 3)} a day`, "k-total-r"),
    kpi("Mean R", fmtR(o.meanR?.value, 3), tone(o.meanR?.value), fmtCi(o.meanR?.ci95), "k-mean-r"),
    kpi("Median R", fmtR(o.medianR?.value, 3), tone(o.medianR?.value), fmtCi(o.medianR?.ci95)),
    kpi("Win rate", fmtShare(o.winRate), "", `profit factor ${fmtNum(o.profitFactor)}`, "k-win-rate"),
    kpi("Max drawdown", fmtR(-o.maxDrawdownR), o.maxDrawdownR > 0 ? "down" : "", "of cumulative R"),
    kpi(
      "R-Sharpe",
      fmtNum(o.rSharpePerTrade, 3),
      tone(o.rSharpePerTrade),
      `per trade · ${fmtNum(o.rSharpePerDay, 3)} per day`,
    ),
    kpi(
      "Exposure",
      `${fmtNum(o.exposure.avgConcurrent)} open`,
      "",
      `max ${o.exposure.maxConcurrent} · in market ${fmtPct(o.exposure.timeInMarketPct, false, 0)}`,
    ),
    kpi(
      "Costs",
      fmtR(-(o.feesR + o.slippageR + o.fundingR)),
      "down",
      `fees ${fmtR(o.feesR)} · slip ${fmtR(o.slippageR)} · funding ${fmtR(o.fundingR)}`,
    ),
  ];
}

function shadowCard(s: ShadowView): HTMLElement {
  return h(
    "section",
    { class: "path-card shadow", id: "shadow-card" },
    h("h3", {}, "Shadow path ", h("small", {}, "research sample · in R")),
    h(
      "p",
      { class: "assumption" },
      "Every candidate is opened at 1R of a fixed base, overlapping freely: a sample of the edge, not an account — so no % return and no dollar equity. R is net of fees, slippage and funding.",
    ),
    h("div", { class: "kpis" }, ...rFigures(s.overall)),
  );
}

function liveCard(l: LiveView | null): HTMLElement {
  const card = h(
    "section",
    { class: "path-card live", id: "live-card" },
    h("h3", {}, "Live path ", h("small", {}, "an account · USDC")),
  );
  if (!l) {
    card.append(h("p", { class: "note" }, "This view has no live path (shadow only)."));
    return card;
  }
  const o = l.overall;
  card.append(
    h(
      "p",
      { class: "assumption" },
      "Compounding equity (risk a fraction of current equity) under every risk rule: halts, kill switch, max positions, cooldown, liquidation. Equity cannot go below zero: ruin ends the path.",
    ),
  );
  if (l.note) card.append(h("p", { class: "note", id: "live-note" }, l.note));
  if (o.ruin) {
    card.append(
      h(
        "p",
        { class: "alert", id: "live-ruin" },
        `RUIN at ${fmtTime(o.ruin.t)}: equity ${fmtUsd(o.ruin.equity, false)} — the path ended there.`,
      ),
    );
  }
  card.append(
    h(
      "div",
      { class: "kpis" },
      kpi("Equity", fmtUsd(o.endEquity, false), "", `from ${fmtUsd(o.startEquity, false)}`, "k-equity"),
      kpi(
        "Net PnL",
        fmtUsd(o.netPnl),
        tone(o.netPnl),
        `fees ${fmtUsd(o.fees, false)} · funding ${fmtUsd(o.funding)}`,
      ),
      kpi(
        "Return",
        fmtPct(o.returnPct),
        tone(o.returnPct),
        o.cagrPct === null ? "CAGR — (window under a year)" : `CAGR ${fmtPct(o.cagrPct)}`,
        "k-return",
      ),
      kpi(
        "Max drawdown",
        fmtPct(-o.maxDrawdownPct),
        o.maxDrawdownPct > 0 ? "down" : "",
        "of equity, from its peak",
        "k-max-dd",
      ),
      kpi(
        "Sharpe",
        fmtNum(o.sharpe),
        tone(o.sharpe),
        `Sortino ${fmtNum(o.sortino)} · Calmar ${fmtNum(o.calmar)}`,
      ),
      kpi(
        "Trades",
        String(o.trades),
        "",
        `win ${fmtShare(o.winRate)} · ${o.liquidations} liquidated`,
        "k-live-trades",
      ),
      kpi("Total R", fmtR(o.totalR), tone(o.totalR), `mean ${fmtR(o.meanR?.value, 3)}`),
      kpi(
        "Buckets",
        l.promotedBuckets === null ? "—" : String(l.promotedBuckets),
        "",
        l.promotedBuckets === "all" ? "every bucket (--ignore-candidates)" : "promoted to trade live",
      ),
    ),
  );
  const refused = Object.entries(l.rejections);
  if (refused.length) {
    card.append(
      h(
        "p",
        { class: "rejections", id: "live-rejections" },
        "Refused live candidates, by reason (one refused for several reasons counts under each): ",
        refused.map(([reason, n]) => `${n.toLocaleString("en-US")} ${reason}`).join(" · "),
      ),
    );
  }
  return card;
}

/** Replaces `root`'s content with the two path cards of `view` (or one, per `only`). */
export function renderSummary(root: HTMLElement, view: SummaryView, only?: "shadow" | "live"): void {
  root.replaceChildren(
    ...(only === "live" ? [] : [shadowCard(view.shadow)]),
    ...(only === "shadow" ? [] : [liveCard(view.live)]),
  );
}

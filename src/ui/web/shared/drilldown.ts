/**
 * The per-trade drill-down: the decision behind a trade — its features, score breakdown (raw score ×
 * regime multiplier, capped), regime, session, bucket, gate verdict and reasons — and the trade
 * itself (entry, exits, costs, R), all laid out as text: nothing needs a hover to be read.
 */
import { h, tag } from "./dom.ts";
import { fmtNum, fmtPx, fmtR, fmtTime, fmtUsd, tone } from "./format.ts";
import { bucketOf, type DecisionJson, type TradeJson } from "./trade-types.ts";

const dl = (pairs: [string, string | Node][]) =>
  h("dl", { class: "facts" }, ...pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));

function decisionPart(d: DecisionJson): HTMLElement[] {
  const mult = d.score_raw !== 0 ? d.score / d.score_raw : null;
  const capped = mult !== null && Math.abs(d.score - 100) < 1e-9 ? " (capped at 100)" : "";
  const features = Object.entries(d.features ?? {});
  return [
    h(
      "section",
      { class: "dd-block", id: "dd-decision" },
      h("h4", {}, `Decision #${d.id}`),
      dl([
        ["time", `${fmtTime(d.created_at)} UTC (signal bar ${fmtTime(d.candle_t)})`],
        ["bucket", bucketOf(d)],
        ["strategy", `${d.strategy} · ${d.timeframe}`],
        ["regime", d.regime],
        ["session", d.session],
        ["vol bucket", d.vol_bucket],
        ["setup", d.setup_key],
        ["model", d.sim_model_version],
        ["plan", `entry ${fmtPx(d.entry_ref)} · stop ${fmtPx(d.stop)} · target ${fmtPx(d.target)}`],
      ]),
    ),
    h(
      "section",
      { class: "dd-block", id: "dd-score" },
      h("h4", {}, "Score"),
      h(
        "p",
        { class: "score-line" },
        `raw ${fmtNum(d.score_raw, 2)} × regime ${mult === null ? "—" : fmtNum(mult, 3)} = ${fmtNum(d.score, 2)}${capped}`,
      ),
      h("h4", {}, "Gate"),
      h(
        "p",
        { id: "dd-verdict" },
        tag(d.verdict),
        " ",
        d.reasons?.length
          ? d.reasons.join(", ")
          : d.verdict === "open"
            ? "passed every check"
            : "no reason recorded",
      ),
    ),
    h(
      "section",
      { class: "dd-block", id: "dd-features" },
      h("h4", {}, `Features (${features.length})`),
      features.length
        ? h(
            "table",
            { class: "features" },
            h(
              "tbody",
              {},
              ...features.map(([k, v]) =>
                h(
                  "tr",
                  {},
                  h("th", {}, k),
                  h("td", { class: "num" }, typeof v === "number" ? fmtPx(v) : JSON.stringify(v)),
                ),
              ),
            ),
          )
        : h("p", { class: "note" }, "no features recorded"),
    ),
  ];
}

function tradePart(t: TradeJson): HTMLElement {
  return h(
    "section",
    { class: "dd-block", id: "dd-trade" },
    h("h4", {}, `Trade #${t.id} `, tag(t.mode), " ", tag(t.side)),
    dl([
      ["entry", `${fmtTime(t.opened_at)} @ ${fmtPx(t.entry_px)} · size ${fmtPx(t.initial_size)}`],
      ["exit", `${fmtTime(t.closed_at)} @ ${fmtPx(t.exit_px)} · ${t.exit_reason ?? "—"}`],
      [
        "stop · target",
        `${fmtPx(t.initial_stop_px)} · ${fmtPx(t.target_px)} (1R = ${fmtUsd(t.risk_usd, false)})`,
      ],
      [
        "costs",
        `fees ${fmtUsd(t.fees, false)} · slippage ${fmtUsd(t.slippage, false)} · funding ${fmtUsd(t.funding)}`,
      ],
      [
        "result",
        h(
          "span",
          { class: tone(t.r_multiple) },
          `${fmtR(t.r_multiple)} · net ${fmtUsd(t.net_pnl)} (gross ${fmtUsd(t.gross_pnl)})`,
        ),
      ],
    ]),
    t.exits.length
      ? h(
          "div",
          { class: "scroll" },
          h(
            "table",
            { class: "exits" },
            h(
              "thead",
              {},
              h("tr", {}, ...["Exit", "Price", "Size", "Reason", "PnL"].map((c) => h("th", {}, c))),
            ),
            h(
              "tbody",
              {},
              ...t.exits.map((x) =>
                h(
                  "tr",
                  {},
                  h("td", {}, fmtTime(x.t)),
                  h("td", { class: "num" }, fmtPx(x.px)),
                  h("td", { class: "num" }, fmtPx(x.size)),
                  h("td", {}, x.reason),
                  h("td", { class: `num ${tone(x.pnl)}` }, fmtUsd(x.pnl)),
                ),
              ),
            ),
          ),
        )
      : h("p", { class: "note" }, "no partial exits recorded"),
  );
}

/** Fills `root` with the drill-down of a trade and/or its decision, and opens it. */
export function renderDrilldown(
  root: HTMLElement,
  decision: DecisionJson | null,
  trade: TradeJson | null,
): void {
  const head = trade
    ? `${trade.coin} ${trade.side} · ${trade.strategy} · ${fmtTime(trade.opened_at)}`
    : decision
      ? `${decision.coin} ${decision.side} · ${decision.strategy} · ${fmtTime(decision.created_at)}`
      : "";
  root.replaceChildren(
    h("h3", {}, head),
    h(
      "div",
      { class: "dd-grid" },
      ...(trade ? [tradePart(trade)] : []),
      ...(decision
        ? decisionPart(decision)
        : [h("p", { class: "note" }, "No decision recorded for this trade.")]),
    ),
  );
  root.hidden = false;
  root.dataset.decision = decision ? String(decision.id) : "";
  root.dataset.trade = trade ? String(trade.id) : "";
}

/**
 * The run's events — kill switch (with the drawdown that tripped it), daily halts, ruin,
 * liquidations, data gaps — as a timeline strip over the run's window and a table, each with the
 * candidates it refused ("1,794 live candidates rejected by kill_switch after 2024-10-12").
 */
import { h } from "./dom.ts";
import { fmtDate, fmtTime } from "./format.ts";
import type { RunEvent, Window } from "./summary-view.ts";

const BAD: ReadonlySet<string> = new Set(["kill_switch", "ruin", "liquidation", "daily_halt"]);

/** "1,794 live candidates rejected by kill_switch after 2024-10-12" (or its detail alone). */
export function eventLine(e: RunEvent): string {
  const refused = e.rejectedCandidates
    ? ` — ${e.rejectedCandidates.toLocaleString("en-US")} ${e.mode ?? ""} candidates rejected by ${e.kind} after ${fmtDate(e.t)}`
    : "";
  return `${e.detail}${refused}`.replace(/ {2,}/g, " ");
}

export function renderEvents(root: HTMLElement, events: RunEvent[] | null, w: Window): void {
  if (events === null) {
    root.replaceChildren(
      h(
        "p",
        { class: "note" },
        "No events recorded for this view (figured from the ledger): halts and kill switch show in the daemon's health.",
      ),
    );
    return;
  }
  if (events.length === 0) {
    root.replaceChildren(
      h("p", { class: "note" }, "No events: no halt, kill switch, ruin, liquidation or data gap."),
    );
    return;
  }
  const span = Math.max(1, w.to - w.from);
  const strip = h("div", { class: "timeline", role: "img", "aria-label": "events over the run's window" });
  for (const e of events) {
    const left = Math.min(100, Math.max(0, ((e.t - w.from) / span) * 100));
    const end = e.endedAt ?? w.to;
    const width = Math.max(0.4, Math.min(100 - left, ((end - e.t) / span) * 100));
    const mark = h("span", {
      class: `ev ${e.kind} ${BAD.has(e.kind) ? "bad" : ""}`,
      title: `${fmtTime(e.t)} ${e.kind}: ${eventLine(e)}`,
    });
    mark.style.left = `${left}%`;
    mark.style.width = `${width}%`;
    strip.append(mark);
  }
  const rows = [...events]
    .sort((a, b) => a.t - b.t)
    .map((e, i) =>
      h(
        "tr",
        { "data-id": i, class: BAD.has(e.kind) ? "bad" : "" },
        h("td", { class: "muted" }, fmtTime(e.t)),
        h("td", {}, h("span", { class: `tag ev-${e.kind}` }, e.kind)),
        h("td", {}, e.mode ?? "data"),
        h("td", {}, e.coin ?? "—"),
        h("td", {}, eventLine(e)),
        h("td", { class: "num" }, e.value === null ? "—" : String(Math.round(e.value * 100) / 100)),
        h("td", { class: "num" }, e.rejectedCandidates.toLocaleString("en-US")),
        h("td", { class: "muted" }, e.endedAt === null ? "to the end" : fmtTime(e.endedAt)),
      ),
    );
  root.replaceChildren(
    strip,
    h(
      "div",
      { class: "scroll" },
      h(
        "table",
        { id: "events" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["Time", "Event", "Path", "Coin", "What", "Value", "Refused", "Until"].map((c, i) =>
              h("th", { class: i >= 5 && i <= 6 ? "num" : "" }, c),
            ),
          ),
        ),
        h("tbody", {}, ...rows),
      ),
    ),
  );
}

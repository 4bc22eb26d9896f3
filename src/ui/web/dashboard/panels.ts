/**
 * The dashboard's own panels: the daemon's health (its view only), the run picker and the run's
 * banner, the DEMO banner, open positions and the latest decisions.
 */
import { byId, h, tag } from "../shared/dom.ts";
import { ago, fmtDate, fmtPct, fmtPx, fmtR, fmtTime, fmtUsd, tone } from "../shared/format.ts";
import type { DecisionJson, OpenPositionJson } from "../shared/trade-types.ts";

export interface HealthJson {
  status: "ok" | "degraded";
  reasons: string[];
  source: "daemon" | "ledger";
  version: string;
  last_tick_age_seconds: number | null;
  feed: { state: string };
  halts: { name: string }[];
  venue: { network: string; demo: boolean; url: string; live: boolean } | null;
}

export interface RunJson {
  id: number;
  kind: string;
  model: string;
  mode: string;
  status: "finished" | "unfinished";
  started_at: number;
  finished_at: number | null;
  command: string | null;
  window: { from: number; to: number } | null;
  figures: {
    shadow: { trades: number; total_r: number | null };
    live: { trades: number; return_pct: number | null; ruined: boolean | null } | null;
  };
}

/** The DEMO banner shows exactly when the venue is the local demo venue. */
export function renderDemo(health: HealthJson | null): void {
  byId("demo-banner").hidden = !health?.venue?.demo;
}

export function renderHealth(hl: HealthJson, daemonView: boolean): void {
  byId("health").hidden = !daemonView;
  byId("reasons").hidden = !daemonView;
  if (!daemonView) return;
  const pill = byId("status");
  pill.textContent = hl.status === "ok" ? "OK" : "DEGRADED";
  pill.className = `pill ${hl.status === "ok" ? "ok" : "degraded"}`;
  byId("m-version").textContent = `v${hl.version}`;
  const source = byId("m-source");
  source.textContent = hl.source;
  source.title =
    hl.source === "daemon" ? "served by hlbot trade" : "served by hlbot serve: no daemon attached";
  byId("m-tick").textContent = ago(hl.last_tick_age_seconds);
  byId("m-feed").textContent = hl.feed.state;
  byId("m-halts").textContent = hl.halts.length ? hl.halts.map((x) => x.name).join(", ") : "none";
  byId("m-venue").textContent = hl.venue
    ? `${hl.venue.network}${hl.venue.live ? " · live orders" : ""}`
    : "—";
  byId("reasons").textContent = hl.reasons.join(" · ");
}

export function runLabel(r: RunJson): string {
  const w = r.window ? `${fmtDate(r.window.from)} → ${fmtDate(r.window.to)}` : "no window";
  const s = r.figures.shadow;
  const l = r.figures.live;
  const figs = `shadow ${s.trades} trades ${fmtR(s.total_r, 1)}${l ? ` · live ${l.ruined ? "RUINED" : fmtPct(l.return_pct)}` : ""}`;
  return `#${r.id} ${r.kind} ${r.model} ${r.mode} · ${w} · ${figs}${r.status === "unfinished" ? " · UNFINISHED" : ""}`;
}

export function renderRunPicker(runs: RunJson[], runId: number): void {
  const picker = byId<HTMLSelectElement>("run-picker");
  picker.replaceChildren(
    h("option", { value: "0" }, "daemon — its last 7 days"),
    ...runs.map((r) => h("option", { value: String(r.id), class: r.status }, runLabel(r))),
  );
  if (runId !== 0 && !runs.some((r) => r.id === runId))
    picker.append(h("option", { value: String(runId) }, `#${runId}`));
  picker.value = String(runId);
  picker.dataset.runs = String(runs.length);
}

export function renderRunBanner(run: RunJson | null): void {
  const banner = byId("run-banner");
  banner.hidden = run === null;
  if (!run) return;
  const unfinished = run.status === "unfinished";
  banner.className = `run-banner ${unfinished ? "unfinished" : ""}`;
  banner.replaceChildren(
    h("b", {}, `Backtest #${run.id}`),
    " ",
    tag(unfinished ? "unfinished" : "finished"),
    ` ${run.kind} · model ${run.model} · ${run.mode} · `,
    run.window ? `${fmtTime(run.window.from)} → ${fmtTime(run.window.to)} UTC` : "window not recorded",
    run.command ? h("code", {}, run.command) : h("span", { class: "muted" }, " (command line not stored)"),
  );
  if (unfinished) {
    banner.append(
      h(
        "p",
        { class: "alert", id: "run-unfinished" },
        "This run did not finish (killed, or still replaying): its figures cover only what it recorded, and it is not a complete result.",
      ),
    );
  }
}

function fill(id: string, rows: HTMLElement[], empty: string, columns: number): void {
  const tbody = byId(id).querySelector("tbody") as HTMLElement;
  tbody.replaceChildren(
    ...(rows.length ? rows : [h("tr", {}, h("td", { class: "empty", colspan: columns }, empty))]),
  );
}

export function renderPositions(
  positions: OpenPositionJson[],
  onSelect: (p: OpenPositionJson) => void,
): void {
  fill(
    "positions",
    positions.map((p) => {
      const tr = h(
        "tr",
        { "data-id": p.id, class: "clickable" },
        h("td", {}, p.coin),
        h("td", {}, tag(p.side)),
        h("td", {}, tag(p.mode)),
        h("td", {}, p.strategy),
        h("td", { class: "num" }, fmtPx(p.entry_px)),
        h("td", { class: "num" }, fmtPx(p.mark?.px)),
        h("td", { class: "num" }, fmtPx(p.size)),
        h("td", { class: "num" }, fmtPx(p.stop_px)),
        h("td", { class: "num" }, fmtPx(p.target_px)),
        h("td", { class: `num ${tone(p.unrealized_pnl)}` }, fmtUsd(p.unrealized_pnl)),
        h("td", { class: `num ${tone(p.r_multiple)}` }, fmtR(p.r_multiple)),
        h("td", { class: "muted" }, fmtTime(p.opened_at)),
      );
      tr.addEventListener("click", () => onSelect(p));
      return tr;
    }),
    "no open positions",
    12,
  );
}

export function renderDecisions(decisions: DecisionJson[], onSelect: (d: DecisionJson) => void): void {
  fill(
    "decisions",
    decisions.map((d) => {
      const tr = h(
        "tr",
        { "data-id": d.id, class: "clickable" },
        h("td", { class: "muted" }, fmtTime(d.created_at)),
        h("td", {}, d.coin),
        h("td", {}, tag(d.side)),
        h("td", {}, tag(d.mode)),
        h("td", {}, `${d.strategy} ${d.timeframe}`),
        h("td", { class: "num" }, d.score.toFixed(1)),
        h("td", { class: "muted" }, `${d.regime} · ${d.session} · ${d.vol_bucket}`),
        h("td", {}, tag(d.verdict), d.reasons?.length ? ` ${d.reasons.join(", ")}` : ""),
        d.trade
          ? d.trade.status === "open"
            ? h("td", {}, tag("open"))
            : h("td", { class: tone(d.trade.r_multiple) }, `closed ${fmtR(d.trade.r_multiple)}`)
          : h("td", { class: "muted" }, "—"),
      );
      tr.addEventListener("click", () => onSelect(d));
      return tr;
    }),
    "no decisions recorded",
    9,
  );
}

/**
 * The dashboard's browser code. `dashboardMain` is shipped as its own source text
 * (`dashboardMain.toString()`) inside the page, so it must be self-contained: no imports, no
 * references to anything outside its body. It polls the JSON routes, renders with textContent only
 * (ledger strings are never parsed as HTML) and draws the equity chart as inline SVG.
 */
export function dashboardMain(): void {
  // biome-ignore lint/suspicious/noExplicitAny: JSON from our own API, rendered field by field
  type Json = any;
  type Cell = { text: string; cls?: string; title?: string; tag?: boolean };

  const refreshSeconds = Number(document.body.dataset.refresh) || 10;
  const query = new URLSearchParams(location.search);
  const runId = query.get("run_id") ?? "0";
  const modeParam = query.get("mode");
  const mode = modeParam === "shadow" || modeParam === "live" ? modeParam : null;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fragmentToken = fragment.get("token");
  if (fragmentToken) {
    sessionStorage.setItem("hlbot-token", fragmentToken);
    history.replaceState(null, "", location.pathname + location.search);
  }
  const token = sessionStorage.getItem("hlbot-token");
  const $ = (id: string) => document.getElementById(id) as HTMLElement;

  /** GET a JSON route; `scoped` routes get the page's run_id and mode. */
  async function get(path: string, scoped = true): Promise<Json> {
    const extra = new URLSearchParams();
    if (scoped && runId !== "0") extra.set("run_id", runId);
    if (scoped && mode) extra.set("mode", mode);
    const url = extra.size ? `${path}${path.includes("?") ? "&" : "?"}${extra}` : path;
    const res = await fetch(url, {
      cache: "no-store",
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) throw new Error(`${path.split("?")[0]}: HTTP ${res.status}`);
    return res.json();
  }

  const px = (x: number | null) =>
    x === null || x === undefined ? "—" : x.toLocaleString("en-US", { maximumSignificantDigits: 6 });
  const usd = (x: number | null, signed = true) =>
    x === null || x === undefined
      ? "—"
      : `${signed && x > 0 ? "+" : x < 0 ? "−" : ""}$${Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const pct = (x: number | null, signed = true) =>
    x === null || x === undefined
      ? "—"
      : `${signed && x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(2)}%`;
  const rr = (x: number | null) =>
    x === null || x === undefined ? "—" : `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(2)}R`;
  const tone = (x: number | null) => (x === null || x === undefined || x === 0 ? "" : x > 0 ? "up" : "down");
  const time = (t: number | string | null) =>
    t === null ? "—" : new Date(t).toISOString().slice(0, 16).replace("T", " ");
  const ago = (seconds: number | null) =>
    seconds === null
      ? "never"
      : seconds < 90
        ? `${Math.round(seconds)} s ago`
        : seconds < 5400
          ? `${Math.round(seconds / 60)} min ago`
          : seconds < 172800
            ? `${(seconds / 3600).toFixed(1)} h ago`
            : `${Math.round(seconds / 86400)} d ago`;

  function fillTable(id: string, rows: { key: string | number; cells: Cell[] }[], empty: string): void {
    const tbody = $(id).querySelector("tbody") as HTMLTableSectionElement;
    const columns = $(id).querySelectorAll("thead th");
    tbody.replaceChildren();
    if (rows.length === 0) {
      const td = document.createElement("td");
      td.colSpan = columns.length;
      td.className = "empty";
      td.textContent = empty;
      tbody.append(document.createElement("tr"));
      tbody.lastElementChild?.append(td);
      return;
    }
    for (const row of rows) {
      const tr = document.createElement("tr");
      tr.dataset.id = String(row.key);
      row.cells.forEach((cell, i) => {
        const td = document.createElement("td");
        if (cell.tag) {
          const span = document.createElement("span");
          span.className = `tag ${cell.text}`;
          span.textContent = cell.text;
          td.append(span);
        } else td.textContent = cell.text;
        const numeric = columns[i]?.classList.contains("num") ? "num " : "";
        if (numeric || (cell.cls && !cell.tag))
          td.className = `${numeric}${cell.tag ? "" : (cell.cls ?? "")}`.trim();
        if (cell.title) td.title = cell.title;
        tr.append(td);
      });
      tbody.append(tr);
    }
  }

  function tagCell(value: string): Cell {
    return { text: value, tag: true };
  }

  function renderHealth(h: Json): void {
    const pill = $("status");
    pill.textContent = h.status === "ok" ? "OK" : "DEGRADED";
    pill.className = `pill ${h.status === "ok" ? "ok" : "degraded"}`;
    $("m-version").textContent = `v${h.version}`;
    const source = $("m-source");
    source.textContent = h.source === "daemon" ? "daemon" : "ledger";
    source.title =
      h.source === "daemon" ? "served by hlbot trade" : "served by hlbot serve: no daemon attached";
    $("m-tick").textContent = ago(h.last_tick_age_seconds);
    $("m-feed").textContent = h.feed.state;
    $("m-halts").textContent = h.halts.length ? h.halts.map((x: Json) => x.name).join(", ") : "none";
    $("reasons").textContent = h.reasons.join(" · ");
  }

  function kpi(id: string, value: string, cls: string, sub: string): void {
    const box = $(id);
    const v = box.querySelector(".value") as HTMLElement;
    v.textContent = value;
    v.className = `value ${cls}`;
    (box.querySelector(".sub") as HTMLElement).textContent = sub;
  }

  function renderPerformance(p: Json): void {
    const t = p.total;
    // Return and drawdown belong to one account: the live one once it has equity, else shadow.
    const modes = Object.entries(p.by_mode) as [string, Json][];
    const main = modes.find(([m, s]) => m === "live" && s.start_equity !== null) ?? modes[0];
    const other = modes.find((m) => m !== main);
    const eq = main ? main[1] : null;
    const pnlSplit = modes.length > 1 ? modes.map(([m, s]) => `${m} ${usd(s.net_pnl)}`).join(" · ") : "";
    kpi("kpi-pnl", usd(t.net_pnl), tone(t.net_pnl), pnlSplit || `fees ${usd(t.fees, false)}`);
    const also = (field: string, f: (x: number | null) => string) =>
      other ? ` · ${other[0]} ${f(other[1][field] ?? null)}` : "";
    kpi(
      "kpi-return",
      pct(eq?.return ?? null),
      tone(eq?.return ?? null),
      main ? `${main[0]}${also("return", (x) => pct(x))}` : "no equity yet",
    );
    kpi(
      "kpi-dd",
      pct(eq?.max_drawdown ?? null, false),
      eq?.max_drawdown ? "down" : "",
      main ? `${main[0]}${also("max_drawdown", (x) => pct(x, false))}` : "",
    );
    kpi("kpi-trades", String(t.trades), "", `${t.wins} won · ${t.losses} lost`);
    kpi(
      "kpi-winrate",
      t.win_rate === null ? "—" : `${(t.win_rate * 100).toFixed(1)}%`,
      "",
      "of closed trades",
    );
    kpi("kpi-avgr", rr(t.avg_r), tone(t.avg_r), `sum ${rr(t.sum_r)}`);
    fillTable(
      "strategies",
      p.by_strategy.map((s: Json) => ({
        key: s.strategy,
        cells: [
          { text: s.strategy },
          { text: String(s.trades) },
          { text: s.win_rate === null ? "—" : `${(s.win_rate * 100).toFixed(0)}%` },
          { text: rr(s.avg_r), cls: tone(s.avg_r) },
          { text: usd(s.net_pnl), cls: tone(s.net_pnl) },
        ],
      })),
      "no closed trades in the window",
    );
  }

  function renderPositions(data: Json): void {
    fillTable(
      "positions",
      data.positions.map((p: Json) => ({
        key: p.id,
        cells: [
          { text: p.coin },
          tagCell(p.side),
          tagCell(p.mode),
          { text: p.strategy, title: `${p.session} · ${p.regime} · ${p.vol_bucket}` },
          { text: px(p.entry_px) },
          { text: px(p.mark?.px ?? null), title: p.mark ? `${p.mark.source} ${time(p.mark.t)}` : "no mark" },
          { text: px(p.size) },
          { text: px(p.stop_px) },
          { text: px(p.target_px) },
          { text: usd(p.unrealized_pnl), cls: tone(p.unrealized_pnl) },
          { text: rr(p.r_multiple), cls: tone(p.r_multiple) },
          { text: time(p.opened_at), cls: "muted" },
        ],
      })),
      "no open positions",
    );
  }

  function renderTrades(data: Json): void {
    fillTable(
      "trades",
      data.trades.map((t: Json) => ({
        key: t.id,
        cells: [
          { text: time(t.closed_at), cls: "muted" },
          { text: t.coin },
          tagCell(t.side),
          { text: t.strategy },
          { text: t.exit_reason ?? "—", cls: "muted" },
          { text: usd(t.net_pnl), cls: tone(t.net_pnl) },
          { text: rr(t.r_multiple), cls: tone(t.r_multiple) },
        ],
      })),
      "no closed trades yet",
    );
  }

  function renderDecisions(data: Json): void {
    fillTable(
      "decisions",
      data.decisions.map((d: Json) => ({
        key: d.id,
        cells: [
          { text: time(d.created_at), cls: "muted" },
          { text: d.coin },
          tagCell(d.side),
          tagCell(d.mode),
          { text: `${d.strategy} ${d.timeframe}` },
          { text: d.score.toFixed(1) },
          { text: `${d.regime} · ${d.session} · ${d.vol_bucket}`, cls: "muted" },
          { ...tagCell(d.verdict), title: Array.isArray(d.reasons) ? d.reasons.join(", ") : "" },
          d.trade
            ? d.trade.status === "open"
              ? tagCell("open")
              : { text: `closed ${rr(d.trade.r_multiple)}`, cls: tone(d.trade.r_multiple) }
            : { text: "—", cls: "muted" },
        ],
      })),
      "no decisions recorded",
    );
  }

  let lastEquity: Json = null;
  function renderEquity(data: Json): void {
    lastEquity = data;
    const svg = $("equity-chart");
    const ns = "http://www.w3.org/2000/svg";
    const W = svg.clientWidth || 1000;
    const H = svg.clientHeight || 230;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.replaceChildren();
    // Each account is drawn as % change from its first point, so a 10k and a 2k account share an axis.
    const curves = (Object.entries(data.curves) as [string, { t: number; equity: number }[]][]).map(
      ([m, c]) =>
        [m, c.map((p) => ({ t: p.t, equity: p.equity, v: p.equity / (c[0]?.equity || 1) - 1 }))] as const,
    );
    const points = curves.flatMap(([, c]) => c);
    const legend = $("equity-legend");
    legend.replaceChildren();
    const node = (name: string, attrs: Record<string, string | number>, text?: string) => {
      const n = document.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
      if (text !== undefined) n.textContent = text;
      svg.append(n);
      return n;
    };
    if (points.length < 2) {
      node("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no equity snapshots in the window");
      return;
    }
    const pad = { l: 58, r: 14, t: 10, b: 24 };
    const t0 = Math.min(...points.map((p) => p.t));
    const t1 = Math.max(...points.map((p) => p.t));
    let lo = Math.min(0, ...points.map((p) => p.v));
    let hi = Math.max(0, ...points.map((p) => p.v));
    const margin = (hi - lo) * 0.08 || 0.001;
    lo -= margin;
    hi += margin;
    const x = (t: number) => pad.l + ((t - t0) / Math.max(1, t1 - t0)) * (W - pad.l - pad.r);
    const y = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (H - pad.t - pad.b);
    // Round gridlines: a 1/2/2.5/5 × 10^k step giving four to six intervals.
    const raw = (hi - lo) / 5;
    const mag = 10 ** Math.floor(Math.log10(raw));
    const step = ([1, 2, 2.5, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      node("line", { x1: pad.l, x2: W - pad.r, y1: y(v), y2: y(v), class: "grid-line" });
      node(
        "text",
        { x: pad.l - 8, y: y(v) + 4, "text-anchor": "end" },
        pct(Math.abs(v) < step / 1e6 ? 0 : v),
      );
    }
    node("line", { x1: pad.l, x2: W - pad.r, y1: y(0), y2: y(0), class: "zero-line" });
    for (let i = 0; i <= 4; i++) {
      const t = t0 + ((t1 - t0) * i) / 4;
      const anchor = i === 0 ? "start" : i === 4 ? "end" : "middle";
      node("text", { x: x(t), y: H - 6, "text-anchor": anchor }, time(t).slice(5));
    }
    for (const [name, curve] of curves) {
      if (curve.length === 0) continue;
      const d = curve.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join("");
      node("path", { d, class: `series ${name}` });
      const last = curve[curve.length - 1] as { equity: number; v: number };
      const item = document.createElement("span");
      item.className = name;
      item.append(document.createElement("i"), `${name} ${usd(last.equity, false)} (${pct(last.v)})`);
      legend.append(item);
    }
  }

  async function refresh(): Promise<void> {
    const jobs: [string, () => Promise<void>][] = [
      ["health", async () => renderHealth(await get("/health", false))],
      ["performance", async () => renderPerformance(await get("/performance?days=7"))],
      ["positions", async () => renderPositions(await get("/positions"))],
      ["trades", async () => renderTrades(await get("/trades?limit=5"))],
      ["decisions", async () => renderDecisions(await get("/decisions?limit=15"))],
      ["equity", async () => renderEquity(await get("/equity?days=7&points=400"))],
    ];
    const results = await Promise.allSettled(jobs.map(([, job]) => job()));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [jobs[i]?.[0]] : []));
    const status = $("updated");
    status.textContent = failed.length
      ? `update failed: ${failed.join(", ")} — retrying in ${refreshSeconds} s`
      : `updated ${new Date().toISOString().slice(11, 19)} UTC`;
    status.title = `refreshes every ${refreshSeconds} s`;
    status.className = failed.length ? "error" : "";
    if (failed.length === jobs.length) {
      const pill = $("status");
      pill.textContent = "UNREACHABLE";
      pill.className = "pill down";
    }
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded ?? "0") + 1);
  }

  window.addEventListener("resize", () => {
    if (lastEquity) renderEquity(lastEquity);
  });
  $("m-run").textContent = runId === "0" ? "daemon" : `backtest #${runId}`;
  document.querySelectorAll<HTMLAnchorElement>("#modes a").forEach((link) => {
    const target = new URLSearchParams(location.search);
    const value = link.dataset.mode ?? "";
    if (value) target.set("mode", value);
    else target.delete("mode");
    link.href = `?${target}`;
    if (value === (mode ?? "")) link.className = "active";
  });
  void refresh();
  setInterval(() => void refresh(), refreshSeconds * 1000);
}

/**
 * The research report as one self-contained HTML file (no CDN, no script): per question its answer,
 * verdict and rule, an inline SVG bar chart (estimate with its CI as a whisker), the tables, and the
 * ids of the stored runs it used (open them with `hlbot runs`, `compare`, `explain`).
 */

import type { Chart, Table } from "./result.ts";
import type { ResearchReport } from "./run-research.ts";

const esc = (s: unknown) =>
  String(s ?? "—").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const VERDICT_CLASS: Record<string, string> = {
  "real effect": "real",
  "paper tiger": "tiger",
  "not enough data": "thin",
};

function table(t: Table): string {
  const head = t.columns.map((c) => `<th>${esc(c)}</th>`).join("");
  const body = t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  return `<h4>${esc(t.title)}</h4><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${t.note ? `<p class="note">${esc(t.note)}</p>` : ""}`;
}

/** Horizontal bars around a zero line, whiskers for the CI; non-finite values are left out. */
export function barChart(c: Chart): string {
  const bars = c.bars.filter((b) => Number.isFinite(b.value));
  if (bars.length === 0) return `<p class="note">${esc(c.title)}: nothing to chart.</p>`;
  const ext = bars.flatMap((b) => [b.value, b.lo ?? b.value, b.hi ?? b.value]).filter(Number.isFinite);
  const lo = Math.min(0, ...ext);
  const hi = Math.max(0, ...ext);
  const span = hi - lo || 1;
  const W = 640;
  const left = 170;
  const plot = W - left - 20;
  const rowH = 22;
  const H = bars.length * rowH + 30;
  const x = (v: number) => left + ((v - lo) / span) * plot;
  const parts: string[] = [];
  parts.push(`<line x1="${x(0)}" y1="4" x2="${x(0)}" y2="${H - 22}" stroke="#888"/>`);
  bars.forEach((b, i) => {
    const y = 6 + i * rowH;
    const x0 = Math.min(x(0), x(b.value));
    const w = Math.max(1, Math.abs(x(b.value) - x(0)));
    const fill = b.value >= 0 ? "#3a7d44" : "#b23a48";
    parts.push(`<text x="${left - 6}" y="${y + 13}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(
      `<rect x="${x0}" y="${y + 2}" width="${w}" height="${rowH - 8}" fill="${fill}" opacity="0.8"/>`,
    );
    if (b.lo !== undefined && b.hi !== undefined && Number.isFinite(b.lo) && Number.isFinite(b.hi))
      parts.push(
        `<line x1="${x(b.lo)}" y1="${y + 9}" x2="${x(b.hi)}" y2="${y + 9}" stroke="#222" stroke-width="1.5"/>`,
      );
  });
  parts.push(`<text x="${left}" y="${H - 6}">${esc(lo.toPrecision(3))} ${esc(c.unit)}</text>`);
  parts.push(
    `<text x="${W - 20}" y="${H - 6}" text-anchor="end">${esc(hi.toPrecision(3))} ${esc(c.unit)}</text>`,
  );
  return `<h4>${esc(c.title)}</h4><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-size="11" font-family="sans-serif">${parts.join("")}</svg>`;
}

export function researchHtml(r: ResearchReport): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const toc = r.questions
    .map(
      (q) =>
        `<li><a href="#q${q.id}">Q${q.id}. ${esc(q.title)}</a> — <span class="${VERDICT_CLASS[q.verdict]}">${esc(q.verdict)}</span></li>`,
    )
    .join("");
  const sections = r.questions
    .map((q) => {
      const runs = q.runs.length
        ? `<p class="runs">Runs: ${q.runs.map((x) => `<code>${x.runId === null ? "not stored" : `#${x.runId}`}</code> ${esc(x.variant)} (${esc(x.model)}, ${x.shadowTrades} shadow / ${x.liveTrades} live trades)`).join("; ")} — open with <code>hlbot runs</code>, <code>hlbot compare</code>, <code>hlbot explain</code>.</p>`
        : "";
      return `<section id="q${q.id}"><h2>Q${q.id}. ${esc(q.title)}</h2>
<p class="asks">${esc(q.asks)}</p>
<p><b>Answer.</b> ${esc(q.answer)}</p>
<p><b>Verdict:</b> <span class="${VERDICT_CLASS[q.verdict]}">${esc(q.verdict)}</span> — ${esc(q.rule)}</p>
<p class="note"><b>Method.</b> ${esc(q.method)}</p>
${q.chart ? barChart(q.chart) : ""}
${q.tables.map(table).join("\n")}
${runs}
<ul class="note">${q.assumptions.map((a) => `<li>${esc(a)}</li>`).join("")}</ul>
</section>`;
    })
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>hlbot research</title>
<style>
body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 7px;text-align:right}th{background:#f3f3f3}
td:first-child,th:first-child{text-align:left}
.real{color:#1d6b2c;font-weight:bold}.tiger{color:#8a6d00;font-weight:bold}.thin{color:#666;font-weight:bold}
.note{color:#555;font-size:13px}.asks{font-style:italic}section{border-top:2px solid #ddd;margin-top:2em}
</style></head><body>
<h1>hlbot research</h1>
<p>${r.coins.length} coins (${esc(r.coins.join(", "))}), ${day(r.from)} → ${day(r.to)}, friction model ${esc(r.model)}, seed ${r.seed}; ${r.runs.length} engine runs, ${r.seconds.toFixed(1)} s.</p>
<p class="note">Verdicts: <b>real effect</b> = the 95% CI excludes 0; <b>paper tiger</b> = it covers 0 within the practical size (±0.05 R per trade, ±0.1 IC); <b>not enough data</b> = too few trades or a CI too wide to rule an effect out (the n needed is given). Each effect's CI is its own 95% interval, not corrected for the number of effects a question reports.</p>
<ul>${toc}</ul>
${sections}
</body></html>`;
}

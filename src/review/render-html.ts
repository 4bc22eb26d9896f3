/**
 * The weekly review as one self-contained HTML page (`hlbot review --html FILE`): inline CSS, no
 * executable script, nothing fetched — it opens from a mail attachment or a cron job's output folder. The
 * review's JSON rides along in a data block for tools.
 */

import type { GroupRow } from "../report/run-summary.ts";
import { count, day, minute, num, pct, signed } from "../report/text-format.ts";
import type { PathReview, TradeLine, WeeklyReview } from "./build.ts";

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const cls = (v: number | null | undefined) =>
  v === null || v === undefined || v === 0 ? "" : v > 0 ? "pos" : "neg";

function table(
  headers: string[],
  rows: { cells: string[]; signs?: (number | null)[] }[],
  id: string,
): string {
  const head = headers.map((h, i) => `<th${i ? ' class="n"' : ""}>${esc(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.cells
          .map((c, i) => {
            const sign = r.signs?.[i];
            const klass = [i ? "n" : "", sign === undefined ? "" : cls(sign)].filter(Boolean).join(" ");
            return `<td${klass ? ` class="${klass}"` : ""}>${esc(c)}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  return `<table id="${esc(id)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const groups = (rows: Record<string, GroupRow & { netPnl: number }>, id: string) =>
  table(
    ["", "trades", "total R", "mean R", "win", "net PnL"],
    Object.entries(rows)
      .sort(([, a], [, b]) => b.totalR - a.totalR)
      .map(([k, r]) => ({
        cells: [
          k,
          count(r.trades),
          signed(r.totalR),
          signed(r.meanR?.value ?? null, 3),
          pct(r.winRate === null ? null : r.winRate * 100, 0),
          signed(r.netPnl),
        ],
        signs: [null, null, r.totalR, r.meanR?.value ?? null, null, r.netPnl],
      })),
    id,
  );

const trades = (xs: readonly TradeLine[], id: string) =>
  table(
    ["closed (UTC)", "coin", "side", "strategy", "R", "net PnL", "exit"],
    xs.map((t) => ({
      cells: [minute(t.closedAt), t.coin, t.side, t.strategy, signed(t.r), signed(t.netPnl), t.exitReason],
      signs: [null, null, null, null, t.r, t.netPnl, null],
    })),
    id,
  );

function pathSection(p: PathReview): string {
  const o = p.overall;
  const c = p.costs;
  const costSource = c.source === "fills" ? "the exchange's fills" : "the trades (simulated under the model)";
  return `<section id="path-${p.path}"><h2>${p.path} path</h2>
<p class="big"><span class="${cls(o.totalR)}">${signed(o.totalR)} R</span> · ${count(o.trades)} closed trades · net <span class="${cls(o.netPnl)}">${signed(o.netPnl)}</span> ${esc(p.pnlUnit)}</p>
<p>mean ${signed(o.meanR?.value ?? null, 3)} R/trade · win rate ${pct(o.winRate === null ? null : o.winRate * 100, 0)} · max drawdown ${num(o.maxDrawdownR)} R · candidates ${count(p.decisions.candidates)}, opened ${count(p.decisions.opened)}</p>
<h3>By strategy</h3>${groups(p.byStrategy, `${p.path}-by-strategy`)}
<h3>By bucket</h3>${groups(p.byBucket, `${p.path}-by-bucket`)}
<h3>Best trades</h3>${trades(p.best, `${p.path}-best`)}
<h3>Worst trades</h3>${trades(p.worst, `${p.path}-worst`)}
<h3>Costs</h3><p>From ${costSource}; notional traded ${num(c.notional, 0)} USDC (entries + exits).</p>
${table(
  ["", "USDC", "bps of notional", "model, bps per side"],
  [
    { cells: ["fees", num(c.fees), num(c.feeBps), num(c.modelFeeBps)] },
    { cells: ["slippage", num(c.slippage), num(c.slippageBps), num(c.modelSlippageBps)] },
    { cells: ["funding (paid +)", signed(c.funding), "", ""] },
  ],
  `${p.path}-costs`,
)}</section>`;
}

export function renderReviewHtml(r: WeeklyReview, ledger: string): string {
  const title = `hlbot weekly review ${r.week.label}`;
  const events = r.events.length
    ? table(
        ["time (UTC)", "event", "detail"],
        r.events.map((e) => ({ cells: [minute(e.t), e.kind, e.detail] })),
        "events",
      )
    : "<p>none</p>";
  const changes = r.stateChanges.length
    ? table(
        ["time (UTC)", "change", "bucket", "from → to", "reasons"],
        r.stateChanges.map((c) => ({
          cells: [minute(c.t), c.direction, c.bucket, `${c.from} → ${c.to}`, c.reasons.join(", ")],
        })),
        "state-changes",
      )
    : "<p>none</p>";
  const data = JSON.stringify(r).replace(/</g, "\\u003c");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1b1f24;padding:0 1em}
h1{font-size:1.4em}h2{margin-top:2em;border-bottom:1px solid #ccd;text-transform:capitalize}
table{border-collapse:collapse;margin:.4em 0 1em}th,td{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}.pos{color:#0a7a33}.neg{color:#b42318}.big{font-size:1.2em}
.note{color:#555}
</style></head><body>
<h1>${esc(title)}</h1>
<p class="note">${day(r.week.from)} → ${day(r.week.to - 1)} UTC (Mon–Sun) · ${r.runId === 0 ? "the daemon" : `run ${r.runId}`} · ${esc(ledger)}<br>
Friction model ${esc(r.model.version)}: taker ${num(r.model.takerFeeBps)} bps + slippage ${num(r.model.slippageBps)} bps per side${r.model.depth ? " (depth model: slippage from recorded books)" : ""}.
R is net of fees, slippage and funding, per 1R risked at entry; trades count in the week they closed.</p>
${r.paths.map(pathSection).join("\n")}
<section><h2>Events</h2>${events}</section>
<section><h2>Promotions / demotions</h2>${changes}</section>
<script type="application/json" id="review-data">${data}</script>
</body></html>
`;
}

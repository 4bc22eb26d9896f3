/** The plain-text weekly review (`hlbot review`): what a trader reads on Monday morning. */

import type { GroupRow } from "../report/run-summary.ts";
import { count, day, minute, num, pct, signed, table } from "../report/text-format.ts";
import type { PathReview, TradeLine, WeeklyReview } from "./build.ts";
import type { CostReview } from "./costs.ts";

/** Most bucket rows printed per path (all of them are in --json and --html). */
const MAX_BUCKETS = 15;

const groupRows = (rows: Record<string, GroupRow & { netPnl: number }>) =>
  Object.entries(rows)
    .sort(([, a], [, b]) => b.totalR - a.totalR)
    .map(([k, r]) => [
      k,
      count(r.trades),
      signed(r.totalR),
      signed(r.meanR?.value ?? null, 3),
      pct(r.winRate === null ? null : r.winRate * 100, 0),
      signed(r.netPnl),
    ]);

const tradeRows = (xs: readonly TradeLine[]) =>
  xs.map((t) => [
    minute(t.closedAt),
    t.coin,
    t.side,
    t.strategy,
    signed(t.r),
    signed(t.netPnl),
    t.exitReason,
  ]);

function costLines(c: CostReview): string[] {
  const from = c.source === "fills" ? "the exchange's fills" : "the trades (simulated under the model)";
  const lines = [
    `  costs, from ${from}: notional traded ${num(c.notional, 0)} USDC (entries + exits)`,
    `    fees      ${num(c.fees)} USDC = ${num(c.feeBps)} bps  · model ${num(c.modelFeeBps)} bps per side`,
    `    slippage  ${num(c.slippage)} USDC = ${num(c.slippageBps)} bps  · model ${num(c.modelSlippageBps)} bps per side`,
    `    funding   ${signed(c.funding)} USDC (paid +, received −)`,
  ];
  if (c.unreferencedFills)
    lines.push(`    ${count(c.unreferencedFills)} fills had no reference price: not in the slippage`);
  return lines;
}

function pathSection(p: PathReview): string[] {
  const o = p.overall;
  const out = [
    "",
    `${p.path.toUpperCase()} PATH — ${count(o.trades)} closed trades, total ${signed(o.totalR)} R, net ${signed(o.netPnl)} ${p.pnlUnit}`,
    `  mean ${signed(o.meanR?.value ?? null, 3)} R/trade · win rate ${pct(o.winRate === null ? null : o.winRate * 100, 0)} · max drawdown ${num(o.maxDrawdownR)} R · candidates ${count(p.decisions.candidates)}, opened ${count(p.decisions.opened)}`,
  ];
  if (o.trades === 0) return [...out, "  no trade closed this week", ...costLines(p.costs)];
  const headers = ["", "trades", "total R", "mean R", "win", "net PnL"];
  out.push(
    "",
    "  by strategy",
    ...table(["strategy", ...headers.slice(1)], groupRows(p.byStrategy))
      .split("\n")
      .map((l) => `  ${l}`),
  );
  // The buckets that moved the week most, either way, best first.
  const all = Object.entries(p.byBucket);
  const biggest = Object.fromEntries(
    [...all].sort(([, a], [, b]) => Math.abs(b.totalR) - Math.abs(a.totalR)).slice(0, MAX_BUCKETS),
  );
  const more = all.length - MAX_BUCKETS;
  out.push(
    "",
    `  by bucket (strategy|side|session|regime|vol)${more > 0 ? `: the ${MAX_BUCKETS} of ${all.length} with the largest |total R|` : ""}`,
  );
  out.push(
    ...table(["bucket", ...headers.slice(1)], groupRows(biggest))
      .split("\n")
      .map((l) => `  ${l}`),
  );
  if (more > 0) out.push(`  … ${more} more buckets in --json / --html`);
  const th = ["closed (UTC)", "coin", "side", "strategy", "R", "net PnL", "exit"];
  out.push(
    "",
    "  best trades",
    ...table(th, tradeRows(p.best))
      .split("\n")
      .map((l) => `  ${l}`),
  );
  if (p.worst.length)
    out.push(
      "",
      "  worst trades",
      ...table(th, tradeRows(p.worst))
        .split("\n")
        .map((l) => `  ${l}`),
    );
  out.push("", ...costLines(p.costs));
  return out;
}

export function renderReviewText(r: WeeklyReview, ledger: string): string {
  const out = [
    `weekly review ${r.week.label} (${day(r.week.from)} → ${day(r.week.to - 1)} UTC, Mon–Sun) · ${r.runId === 0 ? "the daemon" : `run ${r.runId}`} · ${ledger}`,
    `friction model ${r.model.version}: taker ${num(r.model.takerFeeBps)} bps + slippage ${num(r.model.slippageBps)} bps per side${r.model.depth ? " (depth model: slippage from recorded books; the flat rate prices a fill without one)" : ""}`,
    "R: net of fees, slippage and funding, per 1R risked at entry; trades counted in the week they closed",
  ];
  for (const p of r.paths) out.push(...pathSection(p));
  out.push("", `EVENTS (${count(r.events.length)})`);
  if (!r.events.length) out.push("  none");
  for (const e of r.events) out.push(`  ${minute(e.t)}  ${e.kind}: ${e.detail}`);
  out.push("", `PROMOTIONS / DEMOTIONS (${count(r.stateChanges.length)})`);
  if (!r.stateChanges.length) out.push("  none");
  for (const c of r.stateChanges)
    out.push(
      `  ${minute(c.t)}  ${c.direction} ${c.bucket}: ${c.from} → ${c.to}${c.reasons.length ? ` (${c.reasons.join(", ")})` : ""}`,
    );
  return out.join("\n");
}

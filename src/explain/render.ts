/**
 * The text form of an explanation: what was decided, with which thresholds, on which feature values,
 * how the score was built, what the live gate said, and the trade that followed. Numbers are printed
 * in full (shortest round-trip form) so a value can be checked against a threshold by eye.
 */
import type { Gate } from "../../strategies/gates/index.ts";
import type { Explanation } from "./explain.ts";

const iso = (t: number | null) => (t === null ? "—" : new Date(t).toISOString().replace(".000Z", "Z"));
const num = (x: number | string | boolean) => (typeof x === "number" ? String(x) : String(x));

function gateLines(title: string, gates: readonly Gate[]): string[] {
  const out = [`  ${title}`];
  for (const g of gates)
    out.push(
      `    ${g.pass ? "pass" : "FAIL"}  ${g.name.padEnd(18)} ${g.rule.padEnd(44)} value ${num(g.value)}`,
    );
  return out;
}

export function renderExplanation(e: Explanation): string {
  const d = e.decision;
  const lines: string[] = [];
  lines.push(
    `decision ${d.id} · run ${d.runId}${d.runId === 0 ? " (daemon)" : ""} · ${d.mode} · ${d.strategy} ${d.side} ${d.coin} ${d.timeframe}`,
    `  signal candle opened ${iso(d.candleT)}, decided at its close ${iso(d.decidedAt)} · setup ${d.setupKey}`,
    `  stored verdict: ${d.verdict}${d.reasons.length ? ` (${d.reasons.join(", ")})` : ""} · model ${d.modelVersion}`,
    `  config: ${e.config.note}`,
  );
  lines.push(
    e.mismatches.length === 0
      ? "  rebuilt from the ledger: features, score, levels and verdict equal the stored row exactly"
      : `  rebuilt from the ledger: ${e.mismatches.length} difference(s) from the stored row:`,
  );
  for (const m of e.mismatches) lines.push(`    ${m}`);
  if (e.bucket) {
    lines.push(
      "",
      `bucket: regime ${e.bucket.regime} · session ${e.bucket.session} · vol ${e.bucket.volBucket}`,
    );
  }
  if (e.gates) {
    lines.push(
      "",
      `gates (${d.mode} thresholds) — chosen side: ${e.gates.side ?? "none"}, fires: ${e.gates.fires}`,
    );
    const chosen = e.gates.side ?? d.side;
    lines.push(...gateLines(`${chosen}:`, chosen === "long" ? e.gates.long : e.gates.short));
  }
  if (e.score) {
    const s = e.score;
    lines.push(
      "",
      "score:",
      `  raw ${s.raw}${s.fundingBonus ? ` (includes funding bonus ${s.fundingBonus})` : " (funding bonus 0)"}`,
      `  × regime multiplier ${s.multiplier} (${s.multiplierKind}, regime ${s.regime})`,
      `  capped at ${s.cap} → final ${s.final}`,
    );
  }
  if (e.levels)
    lines.push(`levels: entry ref ${e.levels.entryRef} · stop ${e.levels.stop} · target ${e.levels.target}`);
  if (e.rebuilt) {
    const r = e.rebuilt;
    lines.push("", `verdict rebuilt: ${r.verdict}`);
    for (const x of r.reasons)
      lines.push(`  ${x.reason} (${x.source === "recorded" ? "account state, as recorded" : "recomputed"})`);
    if (r.gate) {
      const g = r.gate;
      lines.push(
        "live gate:",
        `  score ${g.score} vs live.min_score ${g.minScore}: ${g.score >= g.minScore ? "pass" : "FAIL"}`,
        `  bucket ${g.bucket}: ${g.promoted}${g.promoted.startsWith("ignored") ? "" : ` (from ${g.promotedFrom})`}`,
        `  shadow-only strategy: ${g.shadowOnly ? "yes (FAIL)" : "no"}`,
        `  open live positions: ${g.openPositions.length}/${g.maxPositions}${g.openPositions.length ? ` (${g.openPositions.join(", ")})` : ""}`,
        `  cooldown on ${d.coin}: ${g.cooldownUntil === null ? "none" : `until ${iso(g.cooldownUntil)}`}`,
      );
    }
  }
  if (e.features) {
    lines.push("", "features of the bar:");
    const entries = Object.entries(e.features);
    for (let i = 0; i < entries.length; i += 3) {
      lines.push(
        `  ${entries
          .slice(i, i + 3)
          .map(([k, v]) => `${k} ${v}`.padEnd(34))
          .join("")}`.trimEnd(),
      );
    }
  }
  lines.push("");
  const t = e.trade;
  if (!t) lines.push("trade: none (this decision opened no position)");
  else {
    lines.push(
      `trade: position ${t.positionId} (${t.status}) opened ${iso(t.openedAt)} at ${t.entryPx}, size ${t.size}, stop ${t.stopPx}, target ${t.targetPx}, 1R = ${t.riskUsd} USDC`,
    );
    for (const x of t.exits)
      lines.push(
        `  exit ${iso(x.t)} ${x.reason.padEnd(11)} ${x.size} @ ${x.px} · fee ${x.fee} · slippage ${x.slippage} · pnl ${x.pnl}`,
      );
    lines.push(
      `  closed ${iso(t.closedAt)} (${t.exitReason ?? "open"}) · gross ${t.grossPnl} · fees ${t.fees} · slippage ${t.slippage} · funding ${t.funding} (paid +) · net ${t.netPnl} USDC · R ${t.r ?? "—"}`,
    );
    for (const o of t.orders)
      lines.push(
        `  order ${o.cloid} ${o.role}${o.reason ? `/${o.reason}` : ""} ${o.is_buy ? "buy" : "sell"} ${o.size} @ ${o.px} ref ${o.ref_px ?? "—"} · ${o.status}, filled ${o.filled_size} avg ${o.avg_px ?? "—"}`,
      );
    for (const f of t.fills)
      lines.push(`  fill ${f.tid} ${iso(f.t)} ${f.side} ${f.sz} @ ${f.px} · fee ${f.fee}`);
  }
  return lines.join("\n");
}

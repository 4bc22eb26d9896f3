/** The text form of `hlbot compare`: the verdict first, then totals, then every difference with its cause. */
import type { CompareResult } from "./diff.ts";
import type { ShortfallReport } from "./shortfall.ts";

const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "—");

export function renderCompare(r: CompareResult, limit: number): string {
  const t = r.totals;
  const lines: string[] = [];
  const side = (s: CompareResult["a"]) => `run ${s.runId}${s.runId === 0 ? " (daemon)" : ""}`;
  lines.push(
    `compare A = ${side(r.a)} vs B = ${side(r.b)}${r.a.ledger !== r.b.ledger ? ` (B from ${r.b.ledger})` : ""}`,
    `window: decisions closing in (${iso(r.window.from)}, ${iso(r.window.to)}] · paths: ${r.modes.join(" and ")}`,
    r.identical
      ? "verdict: identical"
      : `verdict: differs: ${t.decisions.differing} decisions, ${t.trades.differing} trades, ΔR shadow ${f(t.r.shadow.delta)} · live ${f(t.r.live.delta)} (B − A)`,
    "",
    `decisions: A ${t.decisions.a} · B ${t.decisions.b} · matched ${t.decisions.matched} · only A ${t.decisions.onlyA} · only B ${t.decisions.onlyB} · differing ${t.decisions.differing}`,
    `trades:    A ${t.trades.a} · B ${t.trades.b} · matched ${t.trades.matched} · only A ${t.trades.onlyA} · only B ${t.trades.onlyB} · differing ${t.trades.differing}`,
    `R (sum over each side's trades): shadow A ${f(t.r.shadow.a)} B ${f(t.r.shadow.b)} · live A ${f(t.r.live.a)} B ${f(t.r.live.b)}`,
  );
  if (r.dataDifferences > 0)
    lines.push(`market data: ${r.dataDifferences} bar(s) differ between the two ledgers`);
  if (r.differences.length > 0) {
    lines.push("", "differences (earliest first):");
    for (const d of r.differences.slice(0, limit)) {
      lines.push(
        `  ${iso(d.t)} ${d.what.padEnd(8)} ${d.cause.padEnd(11)} ${d.key} — ${d.detail} [A ${d.a ?? "—"} · B ${d.b ?? "—"}]`,
      );
    }
    if (r.differences.length > limit)
      lines.push(`  … ${r.differences.length - limit} more (--limit N, or --json for all)`);
  }
  return lines.join("\n");
}

export function renderShortfall(r: ShortfallReport): string {
  const lines = [
    `live vs shadow, run ${r.runId}${r.runId === 0 ? " (daemon)" : ""}: ${r.trades.length} live trades matched to their shadow twin${r.unmatched.length ? `, ${r.unmatched.length} without one (positions ${r.unmatched.join(", ")})` : ""}`,
    `source of live costs: ${[...new Set(r.trades.map((t) => t.source))].join(", ") || "—"}`,
    "implementation shortfall per bucket, mean bps of entry notional (positive = live paid more than the model):",
    `  ${"bucket".padEnd(48)} ${"n".padStart(4)} ${"entry".padStart(8)} ${"fees".padStart(8)} ${"funding".padStart(8)} ${"exit".padStart(8)} ${"total".padStart(8)} ${"ΔR".padStart(8)}`,
  ];
  for (const b of r.buckets) {
    lines.push(
      `  ${b.bucket.padEnd(48)} ${String(b.trades).padStart(4)} ${f(b.entryVsModelBps).padStart(8)} ${f(b.feesBps).padStart(8)} ${f(b.fundingBps).padStart(8)} ${f(b.exitSlippageBps).padStart(8)} ${f(b.totalBps).padStart(8)} ${f(b.deltaR, 3).padStart(8)}`,
    );
  }
  lines.push(
    "entry = live entry vs the shadow's modelled fill; fees, funding, exit = live minus shadow; ΔR = Σ(live R − shadow R).",
  );
  return lines.join("\n");
}

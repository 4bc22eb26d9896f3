/**
 * The research report as text: per question the measured answer, the verdict with its rule, the
 * tables (effects with n, CI and verdict first) and the stored runs it used (ids for `hlbot runs`).
 */

import type { Cell, Table } from "./result.ts";
import type { ResearchReport } from "./run-research.ts";

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const cell = (c: Cell) => (c === null ? "—" : String(c));

export function formatTable(t: Table): string[] {
  const rows = t.rows.map((r) => r.map(cell));
  const widths = t.columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  const out = [`  ${t.title}`, `    ${line(t.columns)}`];
  for (const r of rows) out.push(`    ${line(r)}`);
  if (rows.length === 0) out.push("    (no rows)");
  if (t.note) out.push(`    ${t.note}`);
  return out;
}

export function formatResearch(r: ResearchReport, htmlPath: string | null): string {
  const out: string[] = [
    `hlbot research — ${r.coins.length} coins (${r.coins.join(", ")}), ${day(r.from)} → ${day(r.to)}, model ${r.model}, seed ${r.seed}`,
    "Verdicts: real effect = the 95% CI excludes 0; paper tiger = it covers 0 within the practical size; not enough data = too few trades or a CI too wide (n needed given).",
    "",
  ];
  for (const q of r.questions) {
    out.push(`Q${q.id}. ${q.title}  [${q.verdict}]  (${q.seconds.toFixed(1)} s)`);
    out.push(`  ${q.asks}`);
    out.push(`  Answer: ${q.answer}`);
    out.push(`  Verdict: ${q.verdict} — ${q.rule}`);
    for (const t of q.tables) out.push(...formatTable(t));
    if (q.runs.length)
      out.push(
        `  Runs: ${q.runs.map((x) => `${x.runId === null ? "(not stored)" : `#${x.runId}`} ${x.variant}`).join("; ")}`,
      );
    for (const a of q.assumptions) out.push(`  Assumes: ${a}`);
    out.push("");
  }
  out.push(
    `${r.runs.length} engine runs, ${r.seconds.toFixed(1)} s in all.${htmlPath ? ` Report: ${htmlPath}` : ""}`,
  );
  return out.join("\n");
}

/** Plain-text tables printed by `hlbot mine` and `hlbot promote` (the `--json` forms print the results). */
import type { MineResult } from "./mine.ts";
import type { PromoteResult } from "./promote.ts";

const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(digits);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

export function formatMining(r: MineResult): string {
  const head =
    r.miningRunId === null
      ? `no closed shadow trades for model ${r.source.model}, source run ${r.source.runId}: nothing mined`
      : `mining run ${r.miningRunId}: model ${r.source.model}, source run ${r.source.runId}, ${r.nTrades} trades, ` +
        `${r.result.buckets.length} buckets, family ${r.result.family.length}, data until ${new Date(r.dataUntil).toISOString()}`;
  if (r.miningRunId === null) return head;
  const rows = [...r.result.buckets]
    .sort(
      (a, b) =>
        (b.z ?? Number.NEGATIVE_INFINITY) - (a.z ?? Number.NEGATIVE_INFINITY) || a.key.localeCompare(b.key),
    )
    .map((b) => [
      b.key,
      String(b.n_raw),
      String(b.n_dedup),
      fmt(b.n_eff, 1),
      String(b.days),
      fmt(b.mean_r),
      fmt(b.sd_r),
      fmt(b.z, 2),
      fmt(b.p, 4),
      fmt(b.q, 4),
      fmt(b.theta),
      fmt(b.p_edge),
      fmt(b.dsr),
      fmt(b.oos_mean),
      b.eligible ? "yes" : `no (${b.ineligible.join(",")})`,
    ]);
  const trials = Object.entries(r.result.trials)
    .map(
      ([s, t]) =>
        `  ${s}: M=${t.m} rho=${fmt(t.rho_bar)} N=${fmt(t.n_hat, 1)} E_N=${fmt(t.e_n)} mu0=${fmt(t.mu0)} tau2=${fmt(t.tau2, 5)}`,
    )
    .join("\n");
  const header = [
    "bucket",
    "n_raw",
    "n_dedup",
    "n_eff",
    "days",
    "mean_r",
    "sd_r",
    "z",
    "p",
    "q",
    "theta",
    "P_edge",
    "dsr",
    "oos",
    "eligible",
  ];
  return `${head}\n${table(header, rows)}\ntrials per strategy:\n${trials}`;
}

export function formatPromotion(r: PromoteResult, dryRun: boolean, path: string): string {
  switch (r.status) {
    case "no_mining_run":
      return "no mining run for this model and source: nothing to promote (run `hlbot mine` first)";
    case "already_applied":
      return `mining run ${r.miningRunId} was already applied: nothing changed`;
  }
  const changes = r.decisions.filter((d) => d.prev !== d.next);
  const live = r.file?.buckets.filter((b) => b.state === "LIVE").length ?? 0;
  const probation = r.file?.buckets.filter((b) => b.state === "PROBATION").length ?? 0;
  const lines = [
    `${dryRun ? "dry run (nothing written): " : ""}promote run ${r.promoteRunId} on mining run ${r.miningRunId}: ` +
      `${r.decisions.length} buckets decided, ${changes.length} state changes; now ${live} LIVE, ${probation} PROBATION`,
  ];
  if (changes.length) {
    lines.push(
      table(
        ["bucket", "from", "to", "reasons"],
        changes.map((c) => [c.key, c.prev, c.next, c.reasons.join(",")]),
      ),
    );
  }
  const held = r.decisions.filter((d) => d.prev === d.next && d.prev !== "SHADOW");
  if (held.length) {
    lines.push(
      table(
        ["promoted bucket", "state", "reasons"],
        held.map((c) => [c.key, c.next, c.reasons.join(",")]),
      ),
    );
  }
  lines.push(r.wrote ? `wrote ${path}` : dryRun ? `would write ${path}` : `${path} unchanged`);
  return lines.join("\n");
}

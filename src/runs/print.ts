/** The text output of `hlbot runs` and `hlbot runs show N`. */
import { count, minute, num, signed, table } from "../report/text-format.ts";
import type { DeletedRun, PruneResult } from "./delete.ts";
import type { RunListRow } from "./list.ts";
import type { StoredRun } from "./run-row.ts";

const when = (t: number | null) => (t === null ? "—" : minute(t));

export function printRunList(rows: readonly RunListRow[], ledger: string): void {
  console.log(`runs in ${ledger}`);
  if (rows.length === 0) {
    console.log("  none yet (hlbot backtest stores one per run)");
    return;
  }
  console.log(
    table(
      ["id", "kind", "model", "window (UTC)", "status", "trades", "data hash", "command"],
      rows.map((r) => [
        String(r.id),
        r.kind,
        r.model,
        `${when(r.from)} → ${when(r.to)}`,
        r.status,
        r.trades === null ? "—" : count(r.trades),
        r.dataHash ?? "—",
        r.command ?? "—",
      ]),
    ),
  );
  console.log(
    "trades: closed trades of both paths (a daemon session: the daemon's, closed during it; — sweeps store none)",
  );
}

const figures = (s: Record<string, unknown>): string[] => {
  const lines: string[] = [];
  const shadow = (s.shadow as { overall?: Record<string, unknown> } | undefined)?.overall;
  if (shadow)
    lines.push(
      `  shadow path: ${count(Number(shadow.trades))} trades, total ${signed(Number(shadow.totalR))} R (costs included)`,
    );
  const live = (s.live as { overall?: Record<string, unknown> } | null | undefined)?.overall;
  if (live)
    lines.push(
      `  live path:   ${count(Number(live.trades))} trades, net ${signed(Number(live.netPnl))} USDC, return ${num(Number(live.returnPct))} %`,
    );
  return lines;
};

export function printRunShow(run: StoredRun, row: RunListRow): void {
  const say = (k: string, v: string) => console.log(`${k.padEnd(12)} ${v}`);
  say("run", `${run.id} (${run.kind}, ${row.status})`);
  say("command", run.command ?? "—");
  say("argv", run.argv ? JSON.stringify(run.argv) : "— (not stored: made before migration v9 or from code)");
  say("binary", `hlbot ${run.version ?? run.codeVersion} (commit ${run.commit ?? "—"})`);
  say("model", `${run.model} · mode ${run.mode}`);
  say("window", `${when(row.from)} → ${when(row.to)} UTC`);
  say(
    "started",
    `${minute(run.startedAt)}${run.finishedAt ? ` · finished ${minute(run.finishedAt)}` : " · not finished"}`,
  );
  say("data hash", run.dataHash ?? "—");
  say(
    "trades",
    row.trades === null ? "— (sweeps and walk-forwards store ranked results, no trades)" : count(row.trades),
  );
  console.log("coverage:");
  if (!run.coverage?.length) console.log("  — (not stored)");
  for (const c of run.coverage ?? []) {
    const gaps = c.gaps.reduce((a, g) => a + g.bars, 0);
    console.log(
      `  ${c.coin} ${c.interval}: ${minute(c.first)} → ${minute(c.last)}, ${count(c.bars)} bars${gaps ? `, ${count(gaps)} missing` : ""}`,
    );
  }
  if (run.summary) {
    console.log("summary:");
    for (const line of figures(run.summary)) console.log(line);
  }
  console.log("params:");
  console.log(`  ${JSON.stringify(run.params)}`);
  console.log("config (effective, secrets redacted):");
  console.log(run.config ? JSON.stringify(run.config, null, 2).replace(/^/gm, "  ") : "  — (not stored)");
}

const rowsText = (d: DeletedRun) =>
  Object.entries(d.rows)
    .map(([t, n]) => `${t} ${count(n)}`)
    .join(", ");

export function printDeleted(d: DeletedRun): void {
  console.log(`deleted run ${d.runId}: ${rowsText(d)}`);
}

export function printPruned(p: PruneResult): void {
  console.log(`kept ${p.kept.length} newest backtest runs${p.kept.length ? ` (${p.kept.join(", ")})` : ""}`);
  for (const d of p.deleted) printDeleted(d);
  for (const s of p.skipped) console.log(`skipped: ${s.reason}`);
  if (!p.deleted.length) console.log("nothing deleted");
}

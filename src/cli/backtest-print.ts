/** Plain-text tables for `hlbot backtest` output. */
import type { TradeStats } from "../report/metrics.ts";
import type { BacktestResult, ModeResult } from "../sim/backtest.ts";
import type { JobResult } from "../sim/job.ts";
import type { WalkForwardWindow } from "../sim/walk-forward.ts";

const n = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? "–" : v.toFixed(d));
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function statsRows(groups: Record<string, TradeStats>): string[][] {
  return Object.entries(groups).map(([k, s]) => [
    k,
    String(s.trades),
    n(s.netPnl),
    n(s.winRate === null ? null : s.winRate * 100, 1),
    n(s.avgR, 3),
    n(s.profitFactor),
    n(s.fees),
    n(s.funding),
    String(s.liquidations),
  ]);
}

const STAT_HEADERS = ["", "trades", "net PnL", "win %", "avg R", "PF", "fees", "funding", "liq"];

function printMode(name: string, m: ModeResult): void {
  const o = m.overall;
  console.log(`\n== ${name} ==`);
  console.log(
    table(
      ["metric", "value"],
      [
        ["net PnL (USDC)", n(o.netPnl)],
        ["return", `${n(o.returnPct)}%`],
        ["max drawdown", `${n(o.maxDrawdownPct)}%`],
        ["Sharpe (daily, ann.)", n(o.sharpe)],
        ["Sortino", n(o.sortino)],
        ["trades", String(o.trades)],
        ["win rate", `${n(o.winRate === null ? null : o.winRate * 100, 1)}%`],
        ["avg R", n(o.avgR, 3)],
        ["profit factor", n(o.profitFactor)],
        ["exposure", `${n(o.exposurePct, 1)}%`],
        ["fees paid", n(o.fees)],
        ["slippage paid", n(o.slippage)],
        ["funding paid", n(o.funding)],
        ["liquidations", String(o.liquidations)],
      ],
    ),
  );
  console.log(`\nper strategy\n${table(STAT_HEADERS, statsRows(m.byStrategy))}`);
  console.log(
    `\nper bucket (strategy|side|session|regime|vol)\n${table(STAT_HEADERS, statsRows(m.byBucket))}`,
  );
}

export function printBacktest(r: BacktestResult, report: string | null): void {
  console.log(
    `backtest run #${r.runId} · model ${r.modelVersion} · ${day(r.window.from)} → ${day(r.window.to)} · ${r.barUpdates} bar updates · data ${r.dataHash}`,
  );
  printMode("shadow path", r.shadow);
  if (r.live) printMode("live path", r.live);
  if (report) console.log(`\nreport written to ${report}`);
}

export function printJobTable(results: JobResult[], runId: number): void {
  console.log(`sweep run #${runId}`);
  console.log(
    table(
      ["params", "trades", "net PnL", "return %", "max DD %", "Sharpe", "avg R", "PF"],
      results.map((r) => [
        r.label,
        String(r.overall.trades),
        n(r.overall.netPnl),
        n(r.overall.returnPct),
        n(r.overall.maxDrawdownPct),
        n(r.overall.sharpe),
        n(r.overall.avgR, 3),
        n(r.overall.profitFactor),
      ]),
    ),
  );
}

export function printWalkForward(w: WalkForwardWindow[], runId: number): void {
  console.log(`walk-forward run #${runId}`);
  console.log(
    table(
      ["test window", "chosen", "train avg R", "test trades", "test net PnL", "test avg R", "test max DD %"],
      w.map((x) => [
        `${day(x.testFrom)} → ${day(x.testTo)}`,
        x.chosen,
        n(x.train?.overall.avgR, 3),
        String(x.test.overall.trades),
        n(x.test.overall.netPnl),
        n(x.test.overall.avgR, 3),
        n(x.test.overall.maxDrawdownPct),
      ]),
    ),
  );
}

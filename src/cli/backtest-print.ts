/**
 * The plain-text output of `hlbot backtest`: a header with the window the data really covers (per
 * coin × interval), the cautions and the run's events, then the shadow path in R and the live path
 * as an account, each with the tables a trader reads them by.
 */
import { DAY_MS } from "../core/clock.ts";
import type { MakerStats } from "../engine/book.ts";
import { CI_DRAWS, CI_MIN_TRADES } from "../report/bootstrap-ci.ts";
import type { GroupRow, RStats, RunEvent, RunOutput, SeriesCoverage } from "../report/run-summary.ts";
import { count, day, minute, num, pct, signed, span, table, withCi } from "../report/text-format.ts";

const say = (s = "") => console.log(s);

/** Coins whose series span the same days on every interval share one line. */
function coverageLines(coverage: readonly SeriesCoverage[]): string[] {
  const intervals = [...new Set(coverage.map((c) => c.interval))];
  const byCoin = new Map<string, SeriesCoverage[]>();
  for (const c of coverage) byCoin.set(c.coin, [...(byCoin.get(c.coin) ?? []), c]);
  const groups = new Map<string, string[]>();
  for (const [coin, series] of byCoin) {
    const cells = intervals.map((iv) => {
      const c = series.find((s) => s.interval === iv);
      if (!c) return `${iv} none`;
      const gaps = c.gaps.reduce((a, g) => a + g.bars, 0);
      return `${iv} ${day(c.first)} → ${day(c.last)}${gaps ? ` (${count(gaps)} bars missing)` : ""}`;
    });
    const key = cells.join(" · ");
    groups.set(key, [...(groups.get(key) ?? []), coin]);
  }
  return [...groups.entries()].map(([key, coins]) => {
    const who = coins.length > 6 ? `${coins.slice(0, 6).join(", ")} +${coins.length - 6}` : coins.join(", ");
    return `  ${who}: ${key}`;
  });
}

/** Risk events one per line; liquidations and data gaps counted per path when there are many. */
function eventLines(events: readonly RunEvent[]): string[] {
  const lines: string[] = [];
  const bulky = (e: RunEvent) => e.kind === "liquidation" || e.kind === "data_gap";
  const risk = events.filter((e) => !bulky(e));
  for (const e of risk.slice(0, 25)) {
    const refused = e.rejectedCandidates
      ? ` · ${count(e.rejectedCandidates)} live candidates refused by it`
      : "";
    const until =
      e.kind === "kill_switch" || e.kind === "ruin"
        ? e.endedAt === null
          ? " · held to the end of the run"
          : ` · until ${minute(e.endedAt)}`
        : "";
    lines.push(`  ${minute(e.t)}  ${e.mode ?? "data"}  ${e.kind}: ${e.detail}${refused}${until}`);
  }
  if (risk.length > 25) lines.push(`  … ${count(risk.length - 25)} more (all in --json and the stored run)`);
  for (const kind of ["liquidation", "data_gap"] as const) {
    for (const mode of ["shadow", "live", null] as const) {
      const xs = events.filter((e) => e.kind === kind && e.mode === mode);
      if (xs.length === 0) continue;
      if (xs.length <= 5) {
        for (const e of xs) lines.push(`  ${minute(e.t)}  ${mode ?? "data"}  ${kind}: ${e.detail}`);
      } else {
        const what = kind === "liquidation" ? `liquidations on the ${mode} path` : "data gaps";
        lines.push(`  ${count(xs.length)} ${what} (${day(xs[0]!.t)} → ${day(xs.at(-1)!.t)}; each in --json)`);
      }
    }
  }
  return lines;
}

function rRows(rows: Record<string, GroupRow & { netPnl?: number }>, withWindow: boolean, usd: boolean) {
  return Object.entries(rows).map(([k, s]) => [
    k,
    ...(withWindow ? [span(s.dataWindow)] : []),
    count(s.trades),
    signed(s.totalR, 1),
    withCi(s.meanR),
    num(s.rPerDay, 3),
    pct(s.winRate === null ? null : s.winRate * 100),
    num(s.profitFactor),
    num(s.maxDrawdownR, 1),
    ...(usd ? [signed(s.netPnl ?? 0)] : []),
  ]);
}

function rTable(
  title: string,
  rows: Record<string, GroupRow & { netPnl?: number }>,
  withWindow: boolean,
  usd = false,
) {
  const headers = [
    "",
    ...(withWindow ? ["data window"] : []),
    "trades",
    "total R",
    "mean R [95% CI]",
    "R/day",
    "win %",
    "PF",
    "max DD R",
    ...(usd ? ["net PnL"] : []),
  ];
  say(`\n${title}\n${table(headers, rRows(rows, withWindow, usd))}`);
}

function rMetrics(o: RStats): string[][] {
  const e = o.exposure;
  return [
    ["trades", count(o.trades)],
    ["total R", signed(o.totalR, 2)],
    ["mean R [95% CI]", withCi(o.meanR)],
    ["median R [95% CI]", withCi(o.medianR)],
    ["R per day", num(o.rPerDay, 3)],
    ["R-Sharpe per trade", num(o.rSharpePerTrade, 3)],
    ["R-Sharpe per day", num(o.rSharpePerDay, 3)],
    ["max drawdown (R)", num(o.maxDrawdownR, 2)],
    ["profit factor", num(o.profitFactor)],
    ["win rate", pct(o.winRate === null ? null : o.winRate * 100)],
    ["trades per day", num(o.tradesPerDay, 2)],
    [
      "open positions",
      `avg ${num(e.avgConcurrent, 1)}, max ${e.maxConcurrent}; in the market ${pct(e.timeInMarketPct)}`,
    ],
    [
      "costs (R)",
      `fees ${num(o.feesR, 1)} · slippage ${num(o.slippageR, 1)} · funding ${num(o.fundingR, 1)}`,
    ],
  ];
}

/** How the printed intervals were made (from the constants that make them). */
export const CI_NOTE = `95% CIs: stationary bootstrap over the trades in close order (blocks keep trades that close together), ${CI_DRAWS} resamples, fixed seed; mean ± 1.96 SE, median by the sign-test interval; none under ${CI_MIN_TRADES} trades`;

/** Maker entries of a path (entries.maker): how many of the post-only entries it placed filled. */
function makerLine(m: MakerStats | null | undefined): void {
  if (!m) return;
  const rate = m.placed > 0 ? ` (${pct((m.filled / m.placed) * 100)})` : "";
  say(
    `maker entries (post-only limits, filled only when traded through): placed ${count(m.placed)} · filled ${count(m.filled)}${rate} · expired ${count(m.expired)} · cancelled ${count(m.cancelled)}`,
  );
}

function printShadow(r: PrintedRun): void {
  const s = r.shadow;
  say("\n== shadow path · a research sample, in R ==");
  say(
    "every candidate opened at 1R of a fixed base (it does not compound and is not an account: no % return, no equity)",
  );
  say(table(["metric", "value"], rMetrics(s.overall)));
  makerLine(r.makerEntries?.shadow);
  say(CI_NOTE);
  const tf = r.strategyTimeframes;
  const strategies = Object.fromEntries(
    Object.entries(s.byStrategy).map(([k, v]) => [`${k} (${tf[k] ?? "?"})`, v]),
  );
  rTable("per strategy (data window: its timeframe's data after warm-up; R/day over it)", strategies, true);
  rTable("per coin", s.byCoin, true);
  rTable("per month (by close)", s.byMonth, false);
  rTable("per bucket (strategy|side|session|regime|vol)", s.byBucket, false);
}

/**
 * The live path's refusals per reason, most frequent first. A candidate refused for two reasons
 * counts under both, so the counts can add up to more than the refused total: the line says so then.
 */
export function refusalLine(rejections: Readonly<Record<string, number>>, refused: number): string | null {
  const reasons = Object.entries(rejections).sort(([, a], [, b]) => b - a);
  if (reasons.length === 0) return null;
  const listed = reasons.map(([k, v]) => `${k} ${count(v)}`).join(" · ");
  const overlap = reasons.reduce((n, [, v]) => n + v, 0) > refused;
  return `refused by reason: ${listed}${overlap ? ` (${count(refused)} candidates; one refused for several reasons counts under each)` : ""}`;
}

function printLive(r: PrintedRun): void {
  const l = r.live!;
  const o = l.overall;
  say("\n== live path · an account ==");
  say(
    `compounding: each trade risks a fraction of current equity under every risk rule (max positions, cooldown, daily loss halt, kill switch: ${r.killSwitch}); liquidation; a ruined account ends its path`,
  );
  say(
    `promoted buckets: ${l.promotedBuckets === "all" ? "all (--ignore-candidates)" : count(l.promotedBuckets)}`,
  );
  makerLine(r.makerEntries?.live);
  const c = l.candidates;
  const candidates = `${count(c.seen)} seen · ${count(c.opened)} opened · ${count(c.refused)} refused`;
  const refusedBy = refusalLine(l.rejections, c.refused);
  if (o.trades === 0 && !o.ruin) {
    say(`0 trades · live candidates: ${candidates}`);
    if (refusedBy) say(refusedBy);
    if (l.note) say(`note: ${l.note}`);
    return;
  }
  const ruin = o.ruin ? `${minute(o.ruin.t)}, equity ${num(o.ruin.equity)}: the path ended there` : "none";
  say(
    table(
      ["metric", "value"],
      [
        ["start equity (USDC)", num(o.startEquity)],
        ["end equity", num(o.endEquity)],
        ["net PnL", signed(o.netPnl)],
        ["return", `${signed(o.returnPct)}%`],
        ["CAGR", o.cagrPct === null ? "– (window under a year: not annualised)" : `${signed(o.cagrPct)}%`],
        ["max drawdown", pct(o.maxDrawdownPct, 2)],
        ["Sharpe (daily, ×√365)", num(o.sharpe)],
        ["Sortino (daily, ×√365)", num(o.sortino)],
        ["Calmar (CAGR / max DD)", num(o.calmar)],
        ["ruin", ruin],
        ["fees / slippage / funding", `${num(o.fees)} / ${num(o.slippage)} / ${num(o.funding)}`],
        ["liquidations", String(o.liquidations)],
        ...rMetrics(o),
        ["live candidates", candidates],
      ],
    ),
  );
  if (refusedBy) say(refusedBy);
  if (l.note) say(`note: ${l.note}`);
  if (l.byMonth.length) {
    say(
      "\nmonthly returns (each month on the previous month's closing equity: they compound to the total return)",
    );
    say(
      table(
        ["month", "return", "net PnL", "trades", "start equity", "end equity"],
        l.byMonth.map((m) => [
          m.month,
          `${signed(m.returnPct)}%`,
          signed(m.netPnl),
          count(m.trades),
          num(m.startEquity),
          num(m.endEquity),
        ]),
      ),
    );
  }
  const tf = r.strategyTimeframes;
  const strategies = Object.fromEntries(
    Object.entries(l.byStrategy).map(([k, v]) => [`${k} (${tf[k] ?? "?"})`, v]),
  );
  rTable("per strategy", strategies, true, true);
  rTable("per coin", l.byCoin, true, true);
  rTable("per bucket (strategy|side|session|regime|vol)", l.byBucket, false, true);
}

/** A run as printed: its summary, and the maker entries' counts when it had them. */
type PrintedRun = RunOutput & { makerEntries?: { shadow: MakerStats; live: MakerStats | null } };

export function printBacktest(r: PrintedRun, report: string | null): void {
  say(
    `backtest run #${r.runId} · model ${r.modelVersion} · data ${r.dataHash} · ${count(r.barUpdates)} bar updates · paths: ${r.mode === "shadow" ? "shadow" : "shadow + live"}`,
  );
  const narrowed = r.dataWindow.from - r.window.from >= DAY_MS || r.window.to - r.dataWindow.to >= DAY_MS;
  say(
    `window ${minute(r.window.from)} → ${minute(r.window.to)} UTC${narrowed ? `; the data covers ${minute(r.dataWindow.from)} → ${minute(r.dataWindow.to)}` : ""}`,
  );
  say("coverage (first → last bar inside the window, per interval):");
  for (const line of coverageLines(r.coverage)) say(line);
  if (r.warnings.length) {
    say("\nwarnings");
    for (const w of r.warnings) say(`  ! ${w}`);
  }
  const events = eventLines(r.events);
  say(`\nevents${events.length ? "" : ": none (no kill switch, halt, ruin, liquidation or data gap)"}`);
  for (const line of events) say(line);
  printShadow(r);
  if (r.live) printLive(r);
  else say("\n== live path: not simulated (--mode shadow) ==");
  if (report) say(`\nreport written to ${report}`);
}

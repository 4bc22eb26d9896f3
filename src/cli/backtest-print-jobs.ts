/**
 * The plain-text output of sweeps and walk-forward runs: the shadow path in R and the live path as
 * an account, in separate tables whose headers say which figure ranks the rows — never a dollar
 * Sharpe of the shadow book, which is not an account.
 */

import { count, day, num, pct, signed, table, withCi } from "../report/text-format.ts";
import type { JobResult } from "../sim/job.ts";
import type { SweepReport } from "../sim/sweep-report.ts";
import { rankFigure, rankLabel, type WalkForwardWindow } from "../sim/walk-forward.ts";
import type { WalkForwardSummary } from "../sim/walk-forward-summary.ts";
import { type ByDimension, printSweepBy, printWalkForwardBy } from "./backtest-print-by.ts";

const say = (s = "") => console.log(s);

function shadowCells(r: JobResult): string[] {
  const s = r.shadow;
  return [
    count(s.trades),
    signed(s.totalR, 1),
    withCi(s.meanR),
    num(s.rSharpePerTrade, 3),
    num(s.rPerDay, 3),
    num(s.maxDrawdownR, 1),
    num(s.profitFactor),
    pct(s.winRate === null ? null : s.winRate * 100),
  ];
}
const SHADOW_HEADERS = [
  "trades",
  "total R",
  "mean R [95% CI]",
  "R-Sharpe/trade",
  "R/day",
  "max DD R",
  "PF",
  "win %",
];

/** What the live account went through: kill switches and ruin. */
function liveIncidents(r: JobResult): string {
  if (r.live?.ruin) return `ruined ${day(r.live.ruin.t)}`;
  const kills = r.liveEvents.filter((e) => e.kind === "kill_switch");
  return kills.length ? `kill switch ${kills.map((e) => day(e.t)).join(", ")}` : "–";
}

function liveCells(r: JobResult): string[] {
  const l = r.live;
  if (!l) return ["–", "–", "–", "–", "–", "–", "–", "–"];
  return [
    count(l.trades),
    `${signed(l.returnPct)}%`,
    l.cagrPct === null ? "–" : `${signed(l.cagrPct)}%`,
    pct(l.maxDrawdownPct, 2),
    num(l.sharpe),
    num(l.sortino),
    num(l.calmar),
    liveIncidents(r),
  ];
}
const LIVE_HEADERS = [
  "trades",
  "return",
  "CAGR",
  "max DD",
  "Sharpe",
  "Sortino",
  "Calmar",
  "kill switch / ruin",
];

export function printJobTable(
  results: JobResult[],
  runId: number,
  report: SweepReport,
  by: readonly ByDimension[] = [],
): void {
  const on = results[0]?.rankedOn ?? "shadow";
  const ranked = [...results].sort(
    (a, b) => (rankFigure(b, 1) ?? Number.NEGATIVE_INFINITY) - (rankFigure(a, 1) ?? Number.NEGATIVE_INFINITY),
  );
  say(`sweep run #${runId} · ${results.length} combinations · ranked by ${rankLabel(on)}, best first`);
  const shadow = table(
    ["#", "params", ...SHADOW_HEADERS],
    ranked.map((r, i) => [String(i + 1), r.label, ...shadowCells(r)]),
  );
  const live = ranked.some((r) => r.live)
    ? table(
        ["#", "params", ...LIVE_HEADERS],
        ranked.map((r, i) => [String(i + 1), r.label, ...liveCells(r)]),
      )
    : null;
  const shadowBlock = `\nshadow path, in R (a research sample: every candidate at 1R; no % return or equity)\n${shadow}`;
  const liveBlock = live
    ? `\nlive path, an account (compounding, every risk rule; bucket promotion ignored)\n${live}`
    : "";
  say(on === "live" ? `${liveBlock}\n${shadowBlock}` : `${shadowBlock}\n${liveBlock}`);
  printSweepBy(ranked, by);
  printSweepReport(report);
  for (const w of new Set(results.flatMap((r) => r.warnings))) say(`  ! ${w}`);
}

/** The all-equal note, and the best combination charged for the search (DSR, PBO, MinBTL, Holm/BH). */
export function printSweepReport(report: SweepReport): void {
  if (report.allEqualNote) say(`\n! ${report.allEqualNote}`);
  const sel = report.selection;
  if (!sel) return;
  say(`\noverfitting check, on the ${report.basis}`);
  say(`  ${sel.verdict}`);
  const b = sel.best;
  say(
    `  best: daily Sharpe ${num(b.sr, 3)} (annualised ${num(b.annualSr)}), PSR ${num(b.psr, 3)}, DSR ${num(b.dsr, 3)} with SR0 ${num(sel.expectedMaxSr, 3)} from ${sel.trials} trials (N̂ ${num(sel.effectiveTrials, 1)})`,
  );
  if (sel.pbo)
    say(
      `  PBO ${num(sel.pbo.pbo, 3)} over ${count(sel.pbo.splits)} CSCV splits of ${sel.pbo.blocks} blocks × ${sel.pbo.blockRows} days; degradation slope ${num(sel.pbo.degradation.slope, 3)}; P(OOS loss) ${num(sel.pbo.probLoss, 3)}`,
    );
  for (const a of sel.assumptions) say(`  · ${a}`);
}

export function printWalkForward(
  w: WalkForwardWindow[],
  runId: number,
  summary: WalkForwardSummary,
  by: readonly ByDimension[] = [],
): void {
  const on = w[0]?.test.rankedOn ?? "shadow";
  say(
    `walk-forward run #${runId} · on each train window the grid point with the best ${rankLabel(on)} is chosen; its test window is out of sample`,
  );
  say(
    `\nshadow path, in R\n${table(
      ["test window", "chosen", "train figure", ...SHADOW_HEADERS.map((h) => `test ${h}`)],
      w.map((x) => [
        `${day(x.testFrom)} → ${day(x.testTo)}`,
        x.chosen,
        x.train ? num(rankFigure(x.train, 0), 3) : "– (base)",
        ...shadowCells(x.test),
      ]),
    )}`,
  );
  if (w.some((x) => x.test.live))
    say(
      `\nlive path, an account (each test window starts a fresh account)\n${table(
        ["test window", "chosen", ...LIVE_HEADERS.map((h) => `test ${h}`)],
        w.map((x) => [`${day(x.testFrom)} → ${day(x.testTo)}`, x.chosen, ...liveCells(x.test)]),
      )}`,
    );
  printWalkForwardBy(w, by);
  printOutOfSample(summary);
}

/** The concatenated out-of-sample record and how stable the choice was across windows. */
function printOutOfSample({ oos, stability }: WalkForwardSummary): void {
  say(
    `\nout of sample, the ${oos.windows} test windows concatenated (${oos.path} path, ${count(oos.days)} days): ${count(oos.trades)} trades, total ${signed(oos.totalR, 1)} R, mean ${num(oos.meanR, 3)} R/trade`,
  );
  say(
    `  daily Sharpe ${num(oos.dailySharpe, 3)}; PSR ${num(oos.psr, 3)}; DSR ${num(oos.dsr, 3)} (N = ${oos.trials} combinations tried per train window, SR0 ${num(oos.expectedMaxSr, 3)} from the train windows' SR variance; observations taken as independent)`,
  );
  if (!stability.length) return;
  say(
    `\nstability of the chosen parameters across windows\n${table(
      ["key", "modal", "chosen in", "distinct", "changes", "per window (oldest first)"],
      stability.map((s) => [
        s.key,
        s.modal,
        `${Math.round(s.modalShare * s.chosen.length)}/${s.chosen.length}`,
        String(s.distinct),
        String(s.changes),
        s.chosen.join(" "),
      ]),
    )}`,
  );
}

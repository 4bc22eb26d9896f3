/**
 * The plain-text output of sweeps and walk-forward runs: the shadow path in R and the live path as
 * an account, in separate tables whose headers say which figure ranks the rows — never a dollar
 * Sharpe of the shadow book, which is not an account.
 */

import { count, day, num, pct, signed, table, withCi } from "../report/text-format.ts";
import type { JobResult } from "../sim/job.ts";
import { rankFigure, rankLabel, type WalkForwardWindow } from "../sim/walk-forward.ts";

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

export function printJobTable(results: JobResult[], runId: number): void {
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
  for (const w of new Set(results.flatMap((r) => r.warnings))) say(`  ! ${w}`);
}

export function printWalkForward(w: WalkForwardWindow[], runId: number): void {
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
}

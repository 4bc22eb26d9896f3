/**
 * What one research question reports: the measured answer in a sentence, its effects (each with n,
 * CI and verdict), tables and a chart for the report, the question's overall verdict with the rule
 * that produced it, and the stored runs it used. Also the small formatting and grouping helpers the
 * questions share, so every table prints numbers the same way.
 */
import type { RunTrade } from "../report/run-summary.ts";
import type { RunRef } from "./context.ts";
import type { Effect } from "./effect.ts";
import type { Verdict } from "./ic.ts";

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
  note?: string;
}

export interface ChartBar {
  label: string;
  value: number;
  lo?: number;
  hi?: number;
}

export interface Chart {
  title: string;
  unit: string;
  bars: ChartBar[];
}

export interface QuestionResult {
  id: number;
  title: string;
  /** The question as the seed asks it. */
  asks: string;
  /** How it was measured, in a sentence or two. */
  method: string;
  /** The measured answer, with its numbers. */
  answer: string;
  verdict: Verdict;
  /** The rule that produced the overall verdict. */
  rule: string;
  effects: Effect[];
  tables: Table[];
  chart: Chart | null;
  runs: RunRef[];
  /** What the figures assume (printed with them). */
  assumptions: string[];
}

/** Fixed-decimals number, "—" for missing; signed when `signed`. */
export function num(v: number | null | undefined, digits = 3, signed = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const s = v.toFixed(digits);
  return signed && v >= 0 ? `+${s}` : s;
}

export const pct = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || !Number.isFinite(v) ? "—" : `${(v * 100).toFixed(digits)}%`;

export const ciText = (e: Effect) => `[${num(e.ci[0], 3, true)}, ${num(e.ci[1], 3, true)}]`;

/** One table row per effect: label, n, estimate, CI, verdict, n needed. */
export function effectRows(effects: readonly Effect[]): Cell[][] {
  return effects.map((e) => [e.label, e.n, num(e.estimate, 3, true), ciText(e), e.verdict, e.neededN]);
}

export const EFFECT_COLUMNS = ["effect", "n", "estimate R", "95% CI", "verdict", "n needed"];

/** Groups trades by a key, keeping each group's close order. */
export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const g = out.get(k);
    if (g) g.push(x);
    else out.set(k, [x]);
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Mean net R of trades with an R. */
export function meanR(trades: readonly RunTrade[]): number {
  let s = 0;
  let n = 0;
  for (const t of trades)
    if (t.r !== null) {
      s += t.r;
      n++;
    }
  return n ? s / n : Number.NaN;
}

/**
 * The overall verdict of a question from its headline effects: the strongest one decides. The rule
 * says "headline effects" (a question's tables can hold more, e.g. costs that are real by
 * construction); `weighs`, when given, names them.
 */
export function overall(effects: readonly Effect[], weighs?: string): { verdict: Verdict; rule: string } {
  const of = `${effects.length} headline effects${weighs ? ` (${weighs})` : ""}`;
  const real = effects.filter((e) => e.verdict === "real effect");
  if (real.length)
    return {
      verdict: "real effect",
      rule: `real effect: the CIs of ${real.length} of ${of} exclude 0: ${real.map((e) => e.label).join("; ")}`,
    };
  const thin = effects.filter((e) => e.verdict === "not enough data");
  if (thin.length === 0 && effects.length)
    return {
      verdict: "paper tiger",
      rule: `paper tiger: every CI of the ${of} covers 0 within ±the practical size`,
    };
  return {
    verdict: "not enough data",
    rule: effects.length
      ? `not enough data: no CI excludes 0 and ${thin.length} of ${of} are too wide to rule an effect out`
      : "not enough data: nothing to measure in this window",
  };
}

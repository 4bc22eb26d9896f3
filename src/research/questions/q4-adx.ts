/**
 * Question 4: what does momentum's "ADX rising over the last N bars" filter buy? Momentum-only runs
 * with adx_rising_bars 0…5. Attribution against the unfiltered run: a filtered trade is the same
 * setup entered later when an unfiltered trade on its coin and side opened at most 5 bars before it
 * (its delay in bars from the first such signal, and the R lost by entering later); an unfiltered
 * trade no filtered trade follows within 5 bars is one the filter removed. Walk-forward: each month trades the setting that did best on
 * the months before it.
 */
import { intervalMs } from "../../core/intervals.ts";
import type { RunTrade } from "../../report/run-summary.ts";
import type { ResearchContext } from "../context.ts";
import { rOf } from "../context.ts";
import { diffEffect, type Effect, meanEffect } from "../effect.ts";
import {
  type Cell,
  EFFECT_COLUMNS,
  effectRows,
  groupBy,
  meanR,
  num,
  overall,
  type QuestionResult,
} from "../result.ts";

const SETTINGS = [0, 1, 2, 3, 4, 5];
const MAX_DELAY_BARS = 5;

export interface Attribution {
  removed: RunTrade[];
  kept: { before: RunTrade; after: RunTrade; delayBars: number }[];
}

/**
 * A filtered trade's first unfiltered signal: the earliest unfiltered trade on its coin and side at
 * most `maxDelayBars` before it (a signal repeats on consecutive bars, so the latest would always be
 * its own bar). An unfiltered trade with no filtered trade on its coin and side within the next
 * `maxDelayBars` is one the filter removed.
 */
export function attribute(
  unfiltered: readonly RunTrade[],
  filtered: readonly RunTrade[],
  barMs: number,
  maxDelayBars = MAX_DELAY_BARS,
): Attribution {
  const window = maxDelayBars * barMs;
  const key = (t: RunTrade) => `${t.coin}|${t.side}`;
  const sortByOpen = (xs: readonly RunTrade[]) =>
    groupBy(
      [...xs].sort((a, b) => a.openedAt - b.openedAt),
      key,
    );
  const u = sortByOpen(unfiltered);
  const f = sortByOpen(filtered);
  const kept: Attribution["kept"] = [];
  const removed: RunTrade[] = [];
  for (const [k, fs] of f) {
    const us = u.get(k) ?? [];
    for (const t of fs) {
      const first = us.find((x) => x.openedAt <= t.openedAt && t.openedAt - x.openedAt <= window);
      if (first)
        kept.push({ before: first, after: t, delayBars: Math.round((t.openedAt - first.openedAt) / barMs) });
    }
  }
  for (const [k, us] of u) {
    const fs = f.get(k) ?? [];
    for (const t of us)
      if (!fs.some((x) => x.openedAt >= t.openedAt && x.openedAt - t.openedAt <= window)) removed.push(t);
  }
  return { removed: removed.sort((a, b) => a.closedAt - b.closedAt), kept };
}

const month = (t: number) => new Date(t).toISOString().slice(0, 7);

export function adxQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const configured = ctx.config.strategies.momentum.shadow.adx_rising_bars;
  const barMs = intervalMs(ctx.config.strategies.momentum.timeframe);
  const runs = SETTINGS.map((n) => ({
    n,
    run: ctx.backtest(4, {
      variant: `momentum, ADX rising ${n} bars`,
      strategies: ["momentum"],
      mutate: (c) => {
        c.strategies.momentum.shadow.adx_rising_bars = n;
        c.strategies.momentum.live.adx_rising_bars = n;
      },
    }),
  }));
  const trades = (n: number) => runs.find((r) => r.n === n)!.run.result.shadow.trades;
  const at = configured > 0 ? configured : 3;
  const att = attribute(trades(0), trades(at), barMs);
  const removedE = meanEffect(`trades removed by ${at} bars: their mean R`, rOf(att.removed), seed);
  const lostE = meanEffect(
    "kept trades: R entering later − R entering at once",
    att.kept.flatMap((k) => (k.after.r === null || k.before.r === null ? [] : [k.after.r - k.before.r])),
    seed,
  );
  const settingEffects = SETTINGS.map((n) => meanEffect(`${n} bars: mean R`, rOf(trades(n)), seed));
  const delays = att.kept.map((k) => k.delayBars);
  const meanDelay = delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : Number.NaN;
  const delayRows: Cell[][] = [];
  for (let d = 0; d <= MAX_DELAY_BARS; d++) {
    const ks = att.kept.filter((k) => k.delayBars === d);
    delayRows.push([
      d,
      ks.length,
      num(meanR(ks.map((k) => k.before)), 3, true),
      num(meanR(ks.map((k) => k.after)), 3, true),
    ]);
  }

  // Walk-forward: month m trades the setting with the best mean R over months < m (ties: fewer bars).
  const months = [...new Set(SETTINGS.flatMap((n) => trades(n).map((t) => month(t.openedAt))))].sort();
  const wfRows: Cell[][] = [];
  const chosenR: number[] = [];
  const configR: number[] = [];
  for (let i = 1; i < months.length; i++) {
    const past = new Set(months.slice(0, i));
    let best = SETTINGS[0]!;
    let bestR = Number.NEGATIVE_INFINITY;
    for (const n of SETTINGS) {
      const m = meanR(trades(n).filter((t) => past.has(month(t.openedAt))));
      if (Number.isFinite(m) && m > bestR) {
        bestR = m;
        best = n;
      }
    }
    const inMonth = (n: number) => trades(n).filter((t) => month(t.openedAt) === months[i]);
    chosenR.push(...rOf(inMonth(best)));
    configR.push(...rOf(inMonth(at)));
    wfRows.push([
      months[i]!,
      best,
      inMonth(best).length,
      num(meanR(inMonth(best)), 3, true),
      num(meanR(inMonth(at)), 3, true),
    ]);
  }
  const wfE: Effect = diffEffect(`walk-forward choice − ${at} bars`, chosenR, configR, seed);
  const headline = [removedE, lostE, wfE];
  const { verdict, rule } = overall(headline);
  return {
    id: 4,
    title: "ADX rising filter (momentum)",
    asks: "What does requiring ADX to rise over the last 3 bars remove and cost, and does any delay of 0–5 bars do better out of sample?",
    method:
      "Momentum-only shadow runs with adx_rising_bars 0…5; filtered trades matched to the unfiltered setup ≤ 5 bars earlier on the same coin and side; monthly expanding walk-forward over the six settings.",
    answer:
      `The ${at}-bar filter removes ${att.removed.length} of ${trades(0).length} unfiltered trades (their mean R ${num(removedE.estimate, 3, true)}, ${removedE.verdict}); ` +
      `the ${att.kept.length} it keeps enter ${num(meanDelay, 2)} bars later on average and earn ${num(lostE.estimate, 3, true)} R per trade for it (${lostE.verdict}); ` +
      `walk-forward choice vs ${at} bars: ${num(wfE.estimate, 3, true)} R (${wfE.verdict}).`,
    verdict,
    rule,
    effects: [...headline, ...settingEffects],
    tables: [
      { title: "Attribution and walk-forward", columns: EFFECT_COLUMNS, rows: effectRows(headline) },
      { title: "Each setting", columns: EFFECT_COLUMNS, rows: effectRows(settingEffects) },
      {
        title: `Kept trades by entry delay (bars of ${ctx.config.strategies.momentum.timeframe})`,
        columns: ["delay bars", "trades", "mean R entering at once", "mean R entering later"],
        rows: delayRows,
      },
      {
        title: "Walk-forward (each month: the best setting on the months before it)",
        columns: ["month", "chosen bars", "trades", "mean R chosen", `mean R ${at} bars`],
        rows: wfRows,
      },
    ],
    chart: {
      title: "Mean R per trade by ADX-rising bars",
      unit: "R",
      bars: settingEffects.map((e, i) => ({
        label: `${SETTINGS[i]}`,
        value: e.estimate,
        lo: e.ci[0],
        hi: e.ci[1],
      })),
    },
    runs: runs.map((r) => r.run.ref),
    assumptions: [
      "The shadow thresholds are used (both threshold sets get the same adx_rising_bars).",
      "A filtered trade more than 5 bars after any unfiltered one on its coin and side counts as new, not delayed.",
    ],
  };
}

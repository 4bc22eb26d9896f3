/**
 * Question 2: does the partial take-profit at 1.5R (then breakeven and trail) pay? Runs with the
 * partial off and at other levels; the entries do not depend on the exits on the shadow path, so each
 * setup's trade is paired across runs and the effect is the mean paired difference of R. Per regime
 * and strategy, with right-tail statistics (the share of winning R from trades above 3R, the max R).
 */
import type { RunTrade } from "../../report/run-summary.ts";
import { pairedDiffs, type ResearchContext, type RunRef } from "../context.ts";
import { DEFAULT_EFFECT_RULE, type Effect, meanEffect } from "../effect.ts";
import {
  type Cell,
  EFFECT_COLUMNS,
  effectRows,
  groupBy,
  meanR,
  num,
  overall,
  pct,
  type QuestionResult,
} from "../result.ts";

/** Sum of R of trades above 3R over the sum of all winning R (how much of the upside is the tail). */
function tail(trades: readonly RunTrade[]): { share: number; max: number } {
  let wins = 0;
  let big = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of trades) {
    if (t.r === null) continue;
    if (t.r > 0) wins += t.r;
    if (t.r > 3) big += t.r;
    max = Math.max(max, t.r);
  }
  return { share: wins > 0 ? big / wins : Number.NaN, max };
}

export function partialQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const cfg = ctx.config.exits;
  const base = ctx.backtest(2, { variant: "baseline (regime from BTC)", mode: "both" });
  const levels = [1, 2, 3].filter((l) => l !== cfg.partial_at_r);
  const variants = [
    {
      name: "partial off",
      run: ctx.backtest(2, {
        variant: "partial off",
        mutate: (c) => {
          c.exits.partial_fraction = 0;
        },
      }),
    },
    ...levels.map((l) => ({
      name: `partial at ${l}R`,
      run: ctx.backtest(2, {
        variant: `partial at ${l}R`,
        mutate: (c) => {
          c.exits.partial_at_r = l;
        },
      }),
    })),
  ];
  const baseName = `partial ${cfg.partial_fraction * 100}% at ${cfg.partial_at_r}R (config)`;
  const baseTrades = base.result.shadow.trades;
  const effects: Effect[] = [];
  const regimeEffects: Effect[] = [];
  const stratEffects: Effect[] = [];
  for (const v of variants) {
    const vt = v.run.result.shadow.trades;
    effects.push(meanEffect(`${v.name} − config`, pairedDiffs(baseTrades, vt).diffs, seed));
    const off = v.name === "partial off";
    if (!off) continue;
    for (const [regime, ts] of groupBy(baseTrades, (t) => t.regime))
      regimeEffects.push(meanEffect(`${regime}: off − config`, pairedDiffs(ts, vt).diffs, seed));
    for (const [s, ts] of groupBy(baseTrades, (t) => t.strategy))
      stratEffects.push(meanEffect(`${s}: off − config`, pairedDiffs(ts, vt).diffs, seed));
  }
  const all = [
    { name: baseName, trades: baseTrades },
    ...variants.map((v) => ({ name: v.name, trades: v.run.result.shadow.trades })),
  ];
  const tailRows: Cell[][] = all.map(({ name, trades }) => {
    const t = tail(trades);
    return [name, trades.length, num(meanR(trades), 3, true), pct(t.share), num(t.max, 2)];
  });
  const cellRows: Cell[][] = [];
  for (const [key, ts] of groupBy(baseTrades, (t) => `${t.strategy}|${t.regime}`)) {
    const [strategy, regime] = key.split("|");
    const row: Cell[] = [strategy!, regime!, ts.length, num(meanR(ts), 3, true)];
    for (const v of variants) {
      const keys = new Set(ts.map((t) => `${t.coin}|${t.side}|${t.openedAt}`));
      const vt = v.run.result.shadow.trades.filter(
        (t) => t.strategy === strategy && keys.has(`${t.coin}|${t.side}|${t.openedAt}`),
      );
      row.push(num(meanR(vt), 3, true));
    }
    cellRows.push(row);
  }
  // A regime-conditional partial is worth an option only if the regimes disagree with conviction
  // (real effects of both signs) and by a size that matters to a trader (±practical R per trade).
  const real = regimeEffects.filter((e) => e.verdict === "real effect");
  const signs = new Set(real.map((e) => Math.sign(e.estimate)));
  const big = real.filter((e) => Math.abs(e.estimate) >= DEFAULT_EFFECT_RULE.practical);
  const conditional =
    signs.size > 1 && big.length > 0
      ? `The regimes disagree with conviction and by ${big.map((e) => `${e.label.split(":")[0]} ${num(e.estimate, 3, true)}`).join(", ")} R per trade: a regime-conditional partial would be supported.`
      : signs.size > 1
        ? `The regimes disagree (${real.map((e) => `${e.label.split(":")[0]} ${num(e.estimate, 3, true)}`).join(", ")} R per trade, CIs excluding 0) but each by less than the practical ${DEFAULT_EFFECT_RULE.practical} R: a regime-conditional partial would not matter, so none was added.`
        : "No two regimes disagree with conviction, so the data does not support a regime-conditional partial; none was added.";
  const { verdict, rule } = overall(effects);
  const offE = effects[0]!;
  const runs: RunRef[] = [base.ref, ...variants.map((v) => v.run.ref)];
  return {
    id: 2,
    title: "Partial take-profit, breakeven and trail",
    asks: "Does taking part of the position at 1.5R, then moving the stop to breakeven and trailing, help?",
    method:
      "Shadow trades of runs with the partial off and at other levels; each setup paired with itself in the configured run, the effect is the mean paired R difference (stationary-bootstrap CI), overall, per regime and per strategy.",
    answer: `Switching the partial off changes R by ${num(offE.estimate, 3, true)} per trade (${offE.verdict}, ${offE.n} paired trades). ${conditional}`,
    verdict,
    rule,
    effects: [...effects, ...regimeEffects, ...stratEffects],
    tables: [
      {
        title: "Each variant against the configured partial (paired)",
        columns: EFFECT_COLUMNS,
        rows: effectRows(effects),
      },
      {
        title: "Partial off, per regime and per strategy (paired)",
        columns: EFFECT_COLUMNS,
        rows: effectRows([...regimeEffects, ...stratEffects]),
      },
      {
        title: "Right tail",
        columns: ["variant", "trades", "mean R", "share of winning R from trades > 3R", "max R"],
        rows: tailRows,
      },
      {
        title: "Mean R per strategy and regime (the configured run's trades, paired)",
        columns: ["strategy", "regime", "trades", baseName, ...variants.map((v) => v.name)],
        rows: cellRows,
      },
    ],
    chart: {
      title: "Variant − configured partial, mean paired R",
      unit: "R",
      bars: effects.map((e) => ({
        label: e.label.replace(" − config", ""),
        value: e.estimate,
        lo: e.ci[0],
        hi: e.ci[1],
      })),
    },
    runs,
    assumptions: [
      "Shadow path: entries do not depend on exits, so every setup is paired with itself across the runs.",
      "Partial off = partial_fraction 0 (no partial, so no breakeven move; the trail still starts at trail_from_r).",
    ],
  };
}

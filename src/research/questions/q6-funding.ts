/**
 * Question 6: is funding a signal or a cost? Ablations of the strategies' funding terms — the headwind
 * cap (momentum, trend_alpha) and momentum's tailwind bonus — as engine runs; the trades each term
 * removes or adds and their R; R by the funding the position would pay at entry (the latest rate
 * published by then, signed by side, per 8 h) with its IC; funding paid vs earned per strategy.
 */
import type { Config } from "../../config/schema.ts";
import { FundingRepo, type FundingRow } from "../../ledger/repos/funding.ts";
import type { RunTrade } from "../../report/run-summary.ts";
import { pairKey, type ResearchContext, rOf } from "../context.ts";
import { type Effect, judge, meanEffect } from "../effect.ts";
import { icVerdict, informationCoefficient } from "../ic.ts";
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

const BUCKETS: { label: string; lo: number; hi: number }[] = [
  { label: "earns ≥ 0.05%/8h", lo: Number.NEGATIVE_INFINITY, hi: -0.0005 },
  { label: "earns 0.01–0.05%", lo: -0.0005, hi: -0.0001 },
  { label: "|funding| < 0.01%", lo: -0.0001, hi: 0.0001 },
  { label: "pays 0.01–0.05%", lo: 0.0001, hi: 0.0005 },
  { label: "pays ≥ 0.05%/8h", lo: 0.0005, hi: Number.POSITIVE_INFINITY },
];

const noCap = (c: Config) => {
  for (const set of [
    c.strategies.momentum.live,
    c.strategies.momentum.shadow,
    c.strategies.trend_alpha.live,
    c.strategies.trend_alpha.shadow,
  ])
    set.funding_headwind_cap_8h = 1;
};
const noBonus = (c: Config) => {
  c.strategies.momentum.live.funding_bonus_max = 0;
  c.strategies.momentum.shadow.funding_bonus_max = 0;
};

/** The latest hourly rate published at or before t (null when none within 2 h). */
function rateAt(rows: readonly FundingRow[], t: number): number | null {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.eventT <= t) lo = mid + 1;
    else hi = mid;
  }
  const r = rows[lo - 1];
  return r && t - r.eventT <= 2 * 3_600_000 ? r.rate : null;
}

/** Trades of `a` whose setup `b` did not take. */
const notIn = (a: readonly RunTrade[], b: readonly RunTrade[]) => {
  const keys = new Set(b.map(pairKey));
  return a.filter((t) => !keys.has(pairKey(t)));
};

export function fundingQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const base = ctx.backtest(6, { variant: "baseline (regime from BTC)", mode: "both" });
  const capOff = ctx.backtest(6, { variant: "funding headwind cap off", mutate: noCap });
  // The bonus only raises scores, and only the live path has a score threshold: it needs the live path.
  const bonusOff = ctx.backtest(6, { variant: "funding tailwind bonus off", mode: "both", mutate: noBonus });
  const bothOff = ctx.backtest(6, {
    variant: "funding cap and bonus off",
    mutate: (c) => {
      noCap(c);
      noBonus(c);
    },
  });
  const bt = base.result.shadow.trades;
  const blocked = notIn(capOff.result.shadow.trades, bt);
  const lifted = notIn(base.result.live?.trades ?? [], bonusOff.result.live?.trades ?? []);
  const blockedE = meanEffect("trades the headwind cap blocks: their mean R", rOf(blocked), seed);
  const liftedE = meanEffect("live trades the tailwind bonus adds: their mean R", rOf(lifted), seed);

  const repo = new FundingRepo(ctx.o.db);
  const rates = new Map<string, FundingRow[]>();
  const cost8h = (t: RunTrade): number | null => {
    let rows = rates.get(t.coin);
    if (!rows) {
      rows = repo.list(t.coin, ctx.o.from - 86_400_000, ctx.o.to);
      rates.set(t.coin, rows);
    }
    const r = rateAt(rows, t.openedAt);
    return r === null ? null : (t.side === "long" ? 1 : -1) * r * 8;
  };
  const withR = bt.filter((t) => t.r !== null);
  const costs = withR.map(cost8h);
  const ic = informationCoefficient(
    costs,
    withR.map((t) => t.r!),
    { seed, name: "funding cost at entry" },
  );
  const icv = icVerdict(ic);
  const icEffect: Effect = {
    ...judge("IC of funding paid at entry vs R", ic.n, ic.ic, ic.ci),
    verdict: icv.verdict,
    rule: icv.rule,
    neededN: icv.neededN,
  };
  const bucketRows: Cell[][] = BUCKETS.map((b) => {
    const ts = withR.filter((_, i) => costs[i] !== null && costs[i]! >= b.lo && costs[i]! < b.hi);
    const e = meanEffect(b.label, rOf(ts), seed);
    return [
      b.label,
      ts.length,
      num(e.estimate, 3, true),
      `[${num(e.ci[0], 3, true)}, ${num(e.ci[1], 3, true)}]`,
      e.verdict,
    ];
  });
  const paidRows: Cell[][] = [...groupBy(bt, (t) => t.strategy)].map(([s, ts]) => {
    const paid = ts.reduce((a, t) => a + Math.max(0, t.funding), 0);
    const earned = ts.reduce((a, t) => a - Math.min(0, t.funding), 0);
    const inR = ts.reduce((a, t) => a + (t.riskUsd > 0 ? -t.funding / t.riskUsd : 0), 0);
    return [
      s,
      ts.length,
      num(paid, 2),
      num(earned, 2),
      num(inR / Math.max(1, ts.length), 4, true),
      num(meanR(ts), 3, true),
    ];
  });
  const ablation: Cell[][] = [
    ["configured", bt.length, num(meanR(bt), 3, true)],
    [
      "headwind cap off",
      capOff.result.shadow.trades.length,
      num(meanR(capOff.result.shadow.trades), 3, true),
    ],
    [
      "tailwind bonus off",
      bonusOff.result.shadow.trades.length,
      num(meanR(bonusOff.result.shadow.trades), 3, true),
    ],
    [
      "configured, live path",
      base.result.live?.trades.length ?? 0,
      num(meanR(base.result.live?.trades ?? []), 3, true),
    ],
    [
      "tailwind bonus off, live path",
      bonusOff.result.live?.trades.length ?? 0,
      num(meanR(bonusOff.result.live?.trades ?? []), 3, true),
    ],
    ["both off", bothOff.result.shadow.trades.length, num(meanR(bothOff.result.shadow.trades), 3, true)],
  ];
  const headline = [blockedE, liftedE, icEffect];
  const { verdict, rule } = overall(headline);
  const signal = icEffect.verdict === "real effect";
  return {
    id: 6,
    title: "Funding: filter, bonus, and funding paid",
    asks: "Do the funding headwind cap and tailwind bonus earn their place — is funding a signal or only a cost?",
    method:
      "Runs with the cap, the bonus and both switched off; the trades each term blocks (shadow) or adds (the bonus raises scores, which gate only the live path) — setups one run took and the other did not — and their R; R by the funding the position would pay at entry; funding charged per strategy.",
    answer:
      `The cap blocks ${blocked.length} shadow trades (mean R ${num(blockedE.estimate, 3, true)}, ${blockedE.verdict}); the bonus adds ${lifted.length} live trades (mean R ${num(liftedE.estimate, 3, true)}, ${liftedE.verdict}); ` +
      `funding paid at entry vs R: IC ${num(ic.ic, 3, true)} (${icv.verdict}) — ${signal ? "funding carries signal" : "as measured, funding is a cost term, not a signal"}.`,
    verdict,
    rule,
    effects: headline,
    tables: [
      { title: "Effects", columns: EFFECT_COLUMNS, rows: effectRows(headline) },
      { title: "Ablation: trades and mean R", columns: ["variant", "trades", "mean R"], rows: ablation },
      {
        title: "R by funding the position pays at entry (per 8 h)",
        columns: ["bucket", "trades", "mean R", "95% CI", "verdict"],
        rows: bucketRows,
      },
      {
        title: "Funding paid vs earned per strategy (USDC on the shadow account; R per trade)",
        columns: ["strategy", "trades", "paid", "earned", "funding R per trade", "mean net R"],
        rows: paidRows,
      },
    ],
    chart: {
      title: "Mean R by funding paid at entry",
      unit: "R",
      bars: BUCKETS.map((b, i) => ({
        label: b.label,
        value: Number((bucketRows[i]![2] as string).replace("—", "NaN")),
      })),
    },
    runs: [base.ref, capOff.ref, bonusOff.ref, bothOff.ref],
    assumptions: [
      "Cap off = funding_headwind_cap_8h 1 (100% per 8 h, never reached); bonus off = funding_bonus_max 0; both threshold sets.",
      "Funding at entry = the latest hourly rate published at or before the entry (×8 for per 8 h), positive when the position pays.",
    ],
  };
}

/**
 * Question 5: how correlated are the concurrent trades, and what does the cluster rule do? The
 * configured run's shadow trades labelled with the rolling return-correlation cluster of their coin at
 * entry (RollingClusters: what the live rule's tracker sees): how often same-side trades stack in one
 * cluster, what the stacks earn together, and stacked vs lone trades' R. Then the live-path account
 * with the cluster rule (`risk.cluster_*`, as configured, enabled) against the same account without it.
 */
import { clusterTrackerSettings } from "../../config/sections/cluster-risk.ts";
import { CandlesRepo } from "../../ledger/repos/candles.ts";
import type { RunTrade } from "../../report/run-summary.ts";
import { CLUSTER_CAP_REASON } from "../../risk/cluster-risk.ts";
import { RollingClusters } from "../cluster-labels.ts";
import { clusterConcurrency, type StackedGroup } from "../cluster-stats.ts";
import { type ResearchContext, rOf } from "../context.ts";
import { diffEffect } from "../effect.ts";
import { type Cell, EFFECT_COLUMNS, effectRows, num, overall, pct, type QuestionResult } from "../result.ts";

/** Whether each trade opened while a same-side trade of its cluster was open (no lookahead). */
export function stackedFlags(
  trades: readonly RunTrade[],
  labelAt: (coin: string, t: number) => string,
): boolean[] {
  const order = trades.map((_, i) => i).sort((a, b) => trades[a]!.openedAt - trades[b]!.openedAt);
  const open = new Map<string, number[]>();
  const out = new Array<boolean>(trades.length).fill(false);
  for (const i of order) {
    const t = trades[i]!;
    const key = `${labelAt(t.coin, t.openedAt)}|${t.side}`;
    const closes = (open.get(key) ?? []).filter((c) => c > t.openedAt);
    out[i] = closes.length > 0;
    closes.push(t.closedAt);
    open.set(key, closes);
  }
  return out;
}

const SIZE_BINS: [number, number][] = [
  [1, 1],
  [2, 2],
  [3, 3],
  [4, 5],
  [6, 9],
  [10, 19],
  [20, 49],
  [50, Number.POSITIVE_INFINITY],
];
const binLabel = (lo: number, hi: number) =>
  lo === hi ? `${lo}` : hi === Number.POSITIVE_INFINITY ? `${lo}+` : `${lo}–${hi}`;

/** Stacks by size bin: how many, their mean and worst joint R, the mean R per trade inside them. */
function sizeBins(groups: readonly StackedGroup[]): Cell[][] {
  return SIZE_BINS.flatMap(([lo, hi]) => {
    const gs = groups.filter((g) => g.trades >= lo && g.trades <= hi);
    if (gs.length === 0) return [];
    const joint = gs.reduce((a, g) => a + g.jointR, 0);
    const trades = gs.reduce((a, g) => a + g.trades, 0);
    return [
      [
        binLabel(lo, hi),
        gs.length,
        num(joint / gs.length, 2, true),
        num(joint / trades, 3, true),
        num(Math.min(...gs.map((g) => g.jointR)), 2, true),
      ],
    ];
  });
}

export function clusterQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const settings = clusterTrackerSettings(ctx.config.risk);
  // With the default config (rule off) this is the shared baseline run.
  const off = ctx.backtest(5, {
    variant: "cluster rule off",
    mode: "both",
    mutate: (c) => {
      c.risk.cluster_enabled = false;
    },
  });
  const on = ctx.backtest(5, {
    variant: `cluster rule on (cap ${ctx.config.risk.cluster_max_same_side}, scale ${ctx.config.risk.cluster_scale_by_effective_bets})`,
    mode: "both",
    mutate: (c) => {
      c.risk.cluster_enabled = true;
    },
  });
  const candles = new CandlesRepo(ctx.o.db);
  const span = settings.windowBars * settings.barMs + settings.everyMs;
  const series = new Map(
    ctx.config.engine.coins.map((c) => [
      c,
      candles.columns(c, ctx.config.risk.cluster_interval, ctx.o.from - span, ctx.o.to),
    ]),
  );
  const clusters = new RollingClusters(ctx.config.engine.coins, series, settings);
  const shadow = off.result.shadow.trades.filter((t) => t.r !== null);
  const conc = clusterConcurrency(
    shadow.map((t) => ({ coin: t.coin, side: t.side, openedAt: t.openedAt, closedAt: t.closedAt, r: t.r! })),
    clusters.labelAt,
  );
  const flags = stackedFlags(shadow, clusters.labelAt);
  const stacked = shadow.filter((_, i) => flags[i]).map((t) => t.r!);
  const alone = shadow.filter((_, i) => !flags[i]).map((t) => t.r!);
  const stackE = diffEffect("shadow: stacked − lone trades, mean R", stacked, alone, seed);
  const offLive = off.result.live!;
  const onLive = on.result.live!;
  const liveE = diffEffect(
    "live account: rule on − off, mean R",
    rOf(onLive.trades),
    rOf(offLive.trades),
    seed,
  );
  const acct = (name: string, l: typeof offLive): Cell[] => [
    name,
    l.trades.length,
    num(l.overall.meanR?.value ?? null, 3, true),
    num(l.overall.totalR, 1, true),
    num(l.overall.maxDrawdownR, 1),
    `${num(l.overall.maxDrawdownPct, 1)}%`,
    `${num(l.overall.returnPct, 1, true)}%`,
    l.rejections[CLUSTER_CAP_REASON] ?? 0,
  ];
  const headline = [stackE, liveE];
  const { verdict, rule } = overall(headline);
  const onDd = onLive.overall.maxDrawdownPct;
  const offDd = offLive.overall.maxDrawdownPct;
  return {
    id: 5,
    title: "Correlated concurrent trades and the cluster rule",
    asks: "How often does the book hold several same-side positions in one correlated cluster, what do they earn together, and does capping them help the live account?",
    method:
      "Shadow trades labelled with the rolling correlation cluster at entry; stacks = overlapping same-side trades of a cluster. Live-path account (every bucket allowed) with and without risk.cluster_* enabled, same engine.",
    answer:
      `${pct(conc.stackedShare)} of ${conc.trades} shadow trades opened while a same-side trade of their cluster was open (${pct(conc.stackedTimeShare)} of the time in the market); stacked trades earn ${num(stackE.estimate, 3, true)} R per trade vs lone ones (${stackE.verdict}). ` +
      `The cluster rule moves the live account's max drawdown from ${num(offDd, 1)}% to ${num(onDd, 1)}% and its mean R by ${num(liveE.estimate, 3, true)} (${liveE.verdict}).`,
    verdict,
    rule,
    effects: headline,
    tables: [
      { title: "Effects", columns: EFFECT_COLUMNS, rows: effectRows(headline) },
      {
        title: "Shadow stacks by size (same cluster, same side, overlapping)",
        columns: ["trades in stack", "stacks", "mean joint R", "mean R per trade", "worst joint R"],
        rows: sizeBins(conc.groups),
      },
      {
        title: "Live-path account",
        columns: [
          "run",
          "trades",
          "mean R",
          "total R",
          "max DD (R)",
          "max DD",
          "return",
          "refused by the cap",
        ],
        rows: [acct("rule off", offLive), acct("rule on", onLive)],
      },
    ],
    chart: {
      title: "Mean joint R by stack size",
      unit: "R",
      bars: SIZE_BINS.map(([lo, hi]) => {
        const gs = conc.groups.filter((g) => g.trades >= lo && g.trades <= hi);
        return { label: binLabel(lo, hi), value: gs.reduce((a, g) => a + g.jointR, 0) / gs.length };
      }),
    },
    runs: [off.ref, on.ref],
    assumptions: [
      `Clusters: ${ctx.config.risk.cluster_window_bars} bars of ${ctx.config.risk.cluster_interval}, average linkage at ρ ≥ ${ctx.config.risk.cluster_min_correlation}, recomputed every ${ctx.config.risk.cluster_every_hours} h from closed bars only.`,
      "The live account trades every bucket (research ignores promotion), sized on its own equity, with the configured halts.",
    ],
  };
}

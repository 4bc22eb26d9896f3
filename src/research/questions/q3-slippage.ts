/**
 * Question 3: how much of each strategy's R does slippage decide, per coin? The configured run
 * against friction v5 (depth slippage from recorded books, elsewhere the fitted impact model or the
 * flat rate) and against the flat v4 slippage swept over 0, 10 and 20 bps; each setup paired with
 * itself (slippage moves the fill, rarely which setups trade). Also how many book snapshots each coin
 * has, and how each coin's v5 fills were priced.
 */
import { BookSnapshotsRepo } from "../../ledger/repos/book-snapshots.ts";
import { pairedDiffs, type ResearchContext, rOf } from "../context.ts";
import { type Effect, meanEffect } from "../effect.ts";
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

const SWEEP = [0, 10, 20];

export function slippageQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const flat = ctx.config.friction.slippage_bps;
  const base = ctx.backtest(3, { variant: "baseline (regime from BTC)", mode: "both" });
  const v5 = ctx.backtest(3, { variant: "friction v5", model: "v5" });
  const sweep = SWEEP.filter((b) => b !== flat).map((bps) => ({
    bps,
    run: ctx.backtest(3, {
      variant: `${bps} bps flat slippage`,
      model: "v4",
      mutate: (c) => {
        c.friction.slippage_bps = bps;
      },
    }),
  }));
  const baseTrades = base.result.shadow.trades;
  const zero = sweep.find((s) => s.bps === 0)!;
  const top = sweep.find((s) => s.bps === 20)!;

  const v5Effects: Effect[] = [];
  const perBps: Effect[] = [];
  const atZero: Effect[] = [];
  for (const [coin, ts] of groupBy(baseTrades, (t) => t.coin)) {
    v5Effects.push(
      meanEffect(`${coin}: v5 − flat ${flat} bps`, pairedDiffs(ts, v5.result.shadow.trades).diffs, seed),
    );
    // R per extra bps: the paired change from 0 to 20 bps, divided by 20.
    const d = pairedDiffs(
      zero.run.result.shadow.trades.filter((t) => t.coin === coin),
      top.run.result.shadow.trades,
    ).diffs.map((x) => x / 20);
    perBps.push(meanEffect(`${coin}: R per +1 bps`, d, seed));
  }
  for (const [s, ts] of groupBy(zero.run.result.shadow.trades, (t) => t.strategy))
    atZero.push(meanEffect(`${s}: mean R at 0 bps`, rOf(ts), seed));

  const runsByBps = [
    { bps: flat, trades: baseTrades },
    ...sweep.map((s) => ({ bps: s.bps, trades: s.run.result.shadow.trades })),
  ].sort((a, b) => a.bps - b.bps);
  const sensRows: Cell[][] = [];
  for (const [key, ts] of groupBy(baseTrades, (t) => `${t.strategy}|${t.coin}`)) {
    const [strategy, coin] = key.split("|") as [string, string];
    sensRows.push([
      strategy,
      coin,
      ts.length,
      ...runsByBps.map((r) =>
        num(meanR(r.trades.filter((t) => t.strategy === strategy && t.coin === coin)), 3, true),
      ),
      num(meanR(v5.result.shadow.trades.filter((t) => t.strategy === strategy && t.coin === coin)), 3, true),
    ]);
  }
  const coverage = new Map(new BookSnapshotsRepo(ctx.o.db).coverage().map((c) => [c.coin, c]));
  const fills = v5.result.depthFills ?? {};
  const bookRows: Cell[][] = ctx.o.coins.map((coin) => {
    const c = coverage.get(coin);
    const f = fills[coin];
    return [
      coin,
      c?.snapshots ?? 0,
      c?.withLevels ?? 0,
      c ? new Date(c.from).toISOString().slice(0, 16) : "—",
      c ? new Date(c.to).toISOString().slice(0, 16) : "—",
      f?.book ?? 0,
      f?.impact ?? 0,
      f?.flat ?? 0,
    ];
  });
  const headline = [...v5Effects, ...atZero];
  const changed = v5Effects.filter((e) => e.n > 0 && (e.ci[0] !== 0 || e.ci[1] !== 0));
  const { verdict, rule } = overall(
    headline,
    "v5 against the flat rate per coin, each strategy's mean R at 0 bps; the R per +1 bps rows are a cost, real by construction, and not weighed",
  );
  const losing = atZero.filter((e) => e.ci[1] < 0).map((e) => e.label.split(":")[0]);
  return {
    id: 3,
    title: "Slippage: depth model v5 and flat-slippage sensitivity",
    asks: "Is the flat 5 bps slippage right per coin, and how sensitive is each strategy's R to slippage?",
    method:
      "Shadow trades under the configured model, under v5 (book walk / impact model / flat) and under v4 with 0, 10, 20 bps; setups paired with themselves; stationary-bootstrap CIs.",
    answer:
      `${changed.length ? changed.map((e) => `${e.label.split(":")[0]}: v5 changes R by ${num(e.estimate, 3, true)} per trade (${e.verdict})`).join("; ") : "no coin has an impact model (200 recorded books), so v5 is the flat rate everywhere"}${changed.length ? ` against the flat ${flat} bps` : ""}` +
      `${changed.length && changed.length < v5Effects.length ? ` (the other ${v5Effects.length - changed.length} coins have no impact model, so v5 is the flat rate there)` : ""}; ` +
      `each extra bps costs ${num(Math.min(...perBps.map((e) => -e.estimate)), 4)} to ${num(Math.max(...perBps.map((e) => -e.estimate)), 4)} R per trade across coins. ` +
      (losing.length
        ? `${losing.join(", ")} ${losing.length === 1 ? "loses" : "lose"} money even at 0 bps: slippage is not what decides ${losing.length === 1 ? "it" : "them"}.`
        : "No strategy is significantly negative at 0 bps."),
    verdict,
    rule,
    effects: [...headline, ...perBps],
    tables: [
      {
        title: "v5 against the flat rate, per coin (paired)",
        columns: EFFECT_COLUMNS,
        rows: effectRows(v5Effects),
      },
      {
        title: "Sensitivity: R per +1 bps, per coin (paired 0 → 20 bps)",
        columns: EFFECT_COLUMNS,
        rows: effectRows(perBps),
      },
      {
        title: "Is there an edge before slippage? (0 bps)",
        columns: EFFECT_COLUMNS,
        rows: effectRows(atZero),
      },
      {
        title: "Mean R per strategy and coin by slippage",
        columns: ["strategy", "coin", "trades", ...runsByBps.map((r) => `${r.bps} bps`), "v5"],
        rows: sensRows,
      },
      {
        title: "Recorded order books per coin, and how v5 priced the fills",
        columns: ["coin", "snapshots", "with levels", "first", "last", "fills: book", "impact model", "flat"],
        rows: bookRows,
      },
    ],
    chart: {
      title: "R per +1 bps of slippage, per coin",
      unit: "R",
      bars: perBps.map((e) => ({
        label: e.label.split(":")[0]!,
        value: e.estimate,
        lo: e.ci[0],
        hi: e.ci[1],
      })),
    },
    runs: [base.ref, v5.ref, ...sweep.map((s) => s.run.ref)],
    assumptions: [
      "A coin with fewer than 200 recorded snapshots has no impact model: v5 prices its fills at the flat rate, so v5 − flat is 0 there by construction.",
      "Slippage applies to both the entry and the exit fill.",
    ],
  };
}

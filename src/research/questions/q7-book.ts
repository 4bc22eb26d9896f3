/**
 * Question 7: do book-side features at the decision predict the trade's R? For every closed shadow
 * trade of the configured run, the latest book snapshot (≤ 2 min old) and asset context at or before
 * its entry give spread, depth imbalance (top 1/5/10 levels), premium, open-interest change over an
 * hour and the mark–oracle gap, oriented by the trade's side; each feature's Spearman IC against net R
 * with a stationary-bootstrap CI, ranked, and the IC verdict rule (ic.ts) with the sample size needed
 * when the recorded sample is too thin.
 */
import { AssetCtxsRepo } from "../../ledger/repos/asset-ctxs.ts";
import { BookSnapshotsRepo } from "../../ledger/repos/book-snapshots.ts";
import { BOOK_FEATURES, bookFeatures, orientFeatures, pickInputs } from "../book-features.ts";
import type { ResearchContext } from "../context.ts";
import type { Effect } from "../effect.ts";
import { icVerdict, informationCoefficient, rankByIc } from "../ic.ts";
import { num, overall, type QuestionResult } from "../result.ts";

const PICK = { maxBookAgeMs: 120_000, maxCtxAgeMs: 120_000, oiLagMs: 3_600_000 };

export function bookQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const base = ctx.backtest(7, { variant: "baseline (regime from BTC)", mode: "both" });
  const trades = base.result.shadow.trades
    .filter((t) => t.r !== null)
    .sort((a, b) => a.openedAt - b.openedAt);
  const books = new BookSnapshotsRepo(ctx.o.db);
  const ctxs = new AssetCtxsRepo(ctx.o.db);
  const values = new Map(BOOK_FEATURES.map((f) => [f, [] as (number | null)[]]));
  const byCoin = new Map<string, ReturnType<typeof rowsOf>>();
  function rowsOf(coin: string) {
    const from = ctx.o.from - PICK.oiLagMs - PICK.maxCtxAgeMs;
    return { books: books.list(coin, from, ctx.o.to), ctxs: ctxs.list(coin, from, ctx.o.to) };
  }
  let withBook = 0;
  let withCtx = 0;
  for (const t of trades) {
    let rows = byCoin.get(t.coin);
    if (!rows) {
      rows = rowsOf(t.coin);
      byCoin.set(t.coin, rows);
    }
    const inputs = pickInputs(rows.books, rows.ctxs, t.openedAt, PICK);
    if (inputs.book) withBook++;
    if (inputs.ctx) withCtx++;
    const f = orientFeatures(bookFeatures(inputs), t.side);
    for (const name of BOOK_FEATURES) values.get(name)!.push(f[name]);
  }
  const r = trades.map((t) => t.r!);
  const ics = rankByIc(
    BOOK_FEATURES.map((name) => informationCoefficient(values.get(name)!, r, { seed, name })),
  );
  const effects: Effect[] = ics.map((ic) => {
    const v = icVerdict(ic);
    return {
      label: ic.name,
      n: ic.n,
      estimate: ic.ic,
      ci: ic.ci,
      verdict: v.verdict,
      rule: v.rule,
      neededN: v.neededN,
    };
  });
  const { verdict, rule } = overall(effects);
  const thin = effects.filter((e) => e.verdict === "not enough data");
  return {
    id: 7,
    title: "Book-side features at the decision",
    asks: "Do spread, depth imbalance, premium, open-interest change or the mark–oracle gap at the decision predict the trade's R?",
    method:
      "Closed shadow trades of the configured run; features from book_snapshots and asset_ctxs at or before the entry (no lookahead), oriented by side; Spearman IC vs net R, 2 000-draw stationary bootstrap.",
    answer:
      `${withBook} of ${trades.length} trades have a recorded book within 2 minutes of entry and ${withCtx} an asset context. ` +
      (thin.length === effects.length
        ? `Every feature: not enough data (the most needed: ${Math.max(...thin.map((e) => e.neededN ?? 0))} pairs).`
        : effects.map((e) => `${e.label} IC ${num(e.estimate, 3, true)} (${e.verdict})`).join(", ")),
    verdict,
    rule,
    effects,
    tables: [
      {
        title: "Information coefficient per feature, ranked by |IC|",
        columns: ["feature", "pairs", "IC", "95% CI", "verdict", "pairs needed", "rule"],
        rows: effects.map((e) => [
          e.label,
          e.n,
          num(e.estimate, 3, true),
          `[${num(e.ci[0], 3, true)}, ${num(e.ci[1], 3, true)}]`,
          e.verdict,
          e.neededN,
          e.rule,
        ]),
        note: "Pairs needed: for a 95% CI of ±0.1 at the observed IC and dependence (design effect).",
      },
    ],
    chart: {
      title: "IC per feature",
      unit: "IC",
      bars: effects
        .filter((e) => Number.isFinite(e.estimate))
        .map((e) => ({ label: e.label, value: e.estimate, lo: e.ci[0], hi: e.ci[1] })),
    },
    runs: [base.ref],
    assumptions: [
      "A feature is missing for a trade without a book ≤ 2 min old (or an asset context) at entry; IC uses the trades that have it.",
      "Directional features (imbalances, premium, mark–oracle gap) are multiplied by the trade's direction: positive = pressure in its favour.",
    ],
  };
}

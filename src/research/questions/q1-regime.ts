/**
 * Question 1: does BTC's regime hold for the other coins? Four runs through the engine: the regime
 * from BTC (the default) and from each coin's own series, each with the configured multipliers and
 * with every multiplier at 1. With multipliers at 1 the regime changes no score, so both scopes take
 * the very same trades and label each with BTC's and with the coin's own regime: the cross-tab of R.
 */
import type { Config } from "../../config/schema.ts";
import { pairKey, type ResearchContext, rOf } from "../context.ts";
import { diffEffect, type Effect } from "../effect.ts";
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

const REGIMES = ["Long", "Neutral", "Short"] as const;

function flatMultipliers(c: Config): void {
  for (const m of Object.values(c.regime.multipliers)) {
    m.with_trend = 1;
    m.counter_trend = 1;
    m.neutral = 1;
  }
}

/** +1 when the trade's side agrees with the regime, −1 against it, 0 in Neutral. */
const alignment = (side: string, regime: string) =>
  regime === "Neutral" ? 0 : (side === "long") === (regime === "Long") ? 1 : -1;

/** Mean R of trades with their regime minus those against it (Neutral trades left out). */
export function regimeSplit(
  name: string,
  trades: readonly { side: string; regime: string; r: number }[],
  seed: number,
): Effect {
  const by = (a: number) => trades.filter((t) => alignment(t.side, t.regime) === a).map((t) => t.r);
  return diffEffect(name, by(1), by(-1), seed);
}

export function regimeQuestion(ctx: ResearchContext): QuestionResult {
  const seed = ctx.o.seed;
  const base = ctx.backtest(1, { variant: "baseline (regime from BTC)", mode: "both" });
  const perAsset = ctx.backtest(1, {
    variant: "regime per asset",
    mode: "both",
    mutate: (c) => {
      c.regime.scope = "per_asset";
    },
  });
  const flat = ctx.backtest(1, { variant: "regime multipliers 1", mode: "both", mutate: flatMultipliers });
  const ref = ctx.config.regime.reference_coin;
  // The shadow path records every candidate whatever its score, so both scopes take the same shadow
  // trades: each labelled with BTC's regime (base) and its coin's own (per asset).
  const own = new Map(perAsset.result.shadow.trades.map((t) => [pairKey(t), t.regime]));
  const labelled = base.result.shadow.trades.flatMap((t) => {
    const mine = own.get(pairKey(t));
    return mine === undefined || t.r === null ? [] : [{ t, btc: t.regime, own: mine }];
  });
  const liveOf = (r: typeof base) => groupBy(r.result.live?.trades ?? [], (t) => t.coin);
  const baseLive = liveOf(base);
  const assetLive = liveOf(perAsset);
  const flatLive = liveOf(flat);

  const coinEffects: Effect[] = [];
  const multEffects: Effect[] = [];
  const coins = [...new Set([...baseLive.keys(), ...assetLive.keys(), ...flatLive.keys()])].sort();
  for (const coin of coins) {
    coinEffects.push(
      diffEffect(
        `${coin}: live, per-asset − BTC regime`,
        rOf(assetLive.get(coin) ?? []),
        rOf(baseLive.get(coin) ?? []),
        seed,
      ),
    );
    multEffects.push(
      diffEffect(
        `${coin}: live, multipliers − none`,
        rOf(baseLive.get(coin) ?? []),
        rOf(flatLive.get(coin) ?? []),
        seed,
      ),
    );
  }
  // As a bucket dimension: which label separates with-regime from against-regime trades?
  const others = labelled.filter((x) => x.t.coin !== ref);
  const split = (label: "btc" | "own", among: typeof others, name: string) =>
    regimeSplit(
      name,
      among.map((x) => ({ side: x.t.side, regime: x[label], r: x.t.r! })),
      seed,
    );
  const chop = others.filter((x) => x.btc === "Neutral");
  const chopEffect = split("own", chop, "BTC Neutral: with − against the coin's own regime");
  const ownSplit = split("own", others, "with − against the coin's own regime");
  const btcSplit = split("btc", others, "with − against BTC's regime");

  const crossRows: Cell[][] = [];
  for (const [coin, xs] of groupBy(labelled, (x) => x.t.coin))
    for (const b of REGIMES)
      crossRows.push([
        coin,
        b,
        ...REGIMES.map((o) => {
          const cell = xs.filter((x) => x.btc === b && x.own === o);
          return cell.length ? `${num(meanR(cell.map((x) => x.t)), 3, true)} (${cell.length})` : "—";
        }),
      ]);

  const headline = [chopEffect, ownSplit, btcSplit, ...coinEffects];
  const { verdict, rule } = overall(headline);
  return {
    id: 1,
    title: "BTC regime vs per-asset regime",
    asks: "Does BTC's regime hold for SOL/DOGE in BTC chop, or should each coin's regime score its own trades?",
    method:
      "Shadow trades (identical under both scopes: the shadow path records every candidate) labelled with BTC's and with the coin's own regime, for the cross-tab and the with/against-regime splits; the live path (score-gated) under BTC regime, per-asset regime and all multipliers 1. Differences of mean R per trade, stationary-bootstrap CIs.",
    answer:
      `Off BTC, trades with their own coin's regime earn ${num(ownSplit.estimate, 3, true)} R per trade more than those against it (${ownSplit.verdict}), with/against BTC's regime ${num(btcSplit.estimate, 3, true)} R (${btcSplit.verdict}); ` +
      `in BTC chop, with vs against the coin's own regime ${num(chopEffect.estimate, 3, true)} R (${chopEffect.verdict}). Live path, per-asset − BTC regime: ` +
      (coinEffects.some((e) => e.n >= 30)
        ? coinEffects
            .filter((e) => e.n >= 30)
            .map((e) => `${e.label.split(":")[0]} ${num(e.estimate, 3, true)} (${e.verdict})`)
            .join(", ")
        : "no coin has 30 live trades") +
      " (coins with at least 30 live trades in both runs).",
    verdict,
    rule,
    effects: [...headline, ...multEffects],
    tables: [
      {
        title: "Regime as a bucket dimension (shadow trades, coins other than the reference)",
        columns: EFFECT_COLUMNS,
        rows: effectRows([ownSplit, btcSplit, chopEffect]),
      },
      {
        title: "Live path per coin: per-asset vs BTC regime, and the multipliers' effect",
        columns: EFFECT_COLUMNS,
        rows: effectRows([...coinEffects, ...multEffects]),
      },
      {
        title: "Mean R (trades) by BTC regime × the coin's own regime (shadow)",
        columns: ["coin", "BTC regime", ...REGIMES.map((r) => `own ${r}`)],
        rows: crossRows,
      },
    ],
    chart: {
      title: "With − against regime, mean R per trade (shadow, coins other than the reference)",
      unit: "R",
      bars: [ownSplit, btcSplit, chopEffect].map((e) => ({
        label: e.label.replace("with − against ", ""),
        value: e.estimate,
        lo: e.ci[0],
        hi: e.ci[1],
      })),
    },
    runs: [base.ref, perAsset.ref, flat.ref],
    assumptions: [
      "Shadow trades do not depend on the regime (no score threshold on the shadow path), so the scope only relabels them; it matters on the live path's min_score gate and as a bucket dimension.",
      "The live path trades every bucket (research ignores promotion); per-coin live differences compare different trade sets.",
    ],
  };
}

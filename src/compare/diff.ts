/**
 * `hlbot compare A B`: decisions and trades of two runs matched by setup key, every difference listed
 * with its cause, totals and a verdict. Causes, most upstream first:
 *  - missing_bar / candle: the ledgers' market data differ on a bar of that coin (or of the regime's
 *    reference coin; on the live path any coin: one account) that had closed by then — the earliest
 *    such bar is named;
 *  - signal: a decision in one run only — the strategy fired (or was recorded) in one run alone;
 *  - feature: same data, different recorded features (feature or strategy config differ);
 *  - score / bucket / levels: same features, different score, regime/session/vol bucket or stop/target;
 *  - verdict: same candidate, different gate verdict or reasons (thresholds, promotion, account state);
 *  - fill_price: the same decision opened at a different entry price;
 *  - exit_rule: different exit reasons, times, prices or sizes;
 *  - cost: same entry and exits, different fees, slippage or funding.
 */
import { type BarDifference, candleDifferences, firstDifferenceBefore } from "./candle-diff.ts";
import { type Cause, decisionCause, tradeCause } from "./causes.ts";
import { decidedAt, type Side } from "./sides.ts";

export type { Cause } from "./causes.ts";

export interface Difference {
  what: "decision" | "trade";
  key: string;
  coin: string;
  /** Decision time (signal close) or trade open time. */
  t: number;
  cause: Cause;
  detail: string;
  /** The market-data bar the difference is attributed to, when the ledgers' data differ. */
  bar: BarDifference | null;
  a: number | null;
  b: number | null;
}

export interface CompareTotals {
  decisions: { a: number; b: number; matched: number; onlyA: number; onlyB: number; differing: number };
  trades: { a: number; b: number; matched: number; onlyA: number; onlyB: number; differing: number };
  /** Sum of R over the trades of each side, per path; ΔR = B − A. */
  r: Record<"shadow" | "live", { a: number; b: number; delta: number }>;
}

export interface CompareResult {
  a: { runId: number; ledger: string };
  b: { runId: number; ledger: string };
  window: { from: number; to: number };
  /** The paths compared: those both runs recorded (a shadow-mode backtest has no live path). */
  modes: ("shadow" | "live")[];
  identical: boolean;
  differences: Difference[];
  totals: CompareTotals;
  /** Bars whose data differ between the two ledgers (empty when both read the same data). */
  dataDifferences: number;
}

/**
 * Coins whose data could move a decision or trade on `coin`: on the shadow path itself and the
 * regime's reference coin; on the live path every coin (one account: equity sizing, position caps).
 */
function influencers(side: Side, coin: string, mode: string): Set<string> | null {
  if (mode === "live") return null;
  const r = side.run.config.regime;
  return new Set(r.scope === "btc" ? [coin, r.reference_coin] : [coin]);
}

export function compareSides(a: Side, b: Side, window: { from: number; to: number }): CompareResult {
  const sameFile = a.db === b.db || a.path === b.path;
  const coins = [...new Set([...a.run.coins, ...b.run.coins])];
  const intervals = [...new Set([...a.run.intervals, ...b.run.intervals])];
  const bars = sameFile
    ? []
    : candleDifferences(
        a.db,
        b.db,
        coins,
        intervals,
        Math.min(a.run.loadFrom, b.run.loadFrom),
        window.to + 1,
      );
  const attribute = (coin: string, mode: string, t: number) =>
    firstDifferenceBefore(bars, influencers(a, coin, mode), t);
  const diffs: Difference[] = [];
  const push = (d: Omit<Difference, "bar">, t: number) => {
    const bar = attribute(d.coin, d.key.split("|")[0]!, t);
    diffs.push(
      bar
        ? {
            ...d,
            cause: bar.kind,
            bar,
            detail: `${d.detail}; data differ at ${bar.coin} ${bar.interval} ${new Date(bar.t).toISOString()} (${bar.detail})`,
          }
        : { ...d, bar: null },
    );
  };

  let decisionsDiffering = 0;
  let matchedDecisions = 0;
  for (const [key, da] of a.decisions) {
    const db = b.decisions.get(key);
    const t = decidedAt(da);
    if (!db) {
      decisionsDiffering++;
      push(
        {
          what: "decision",
          key,
          coin: da.coin,
          t,
          cause: "signal",
          detail: `only in A (${da.verdict})`,
          a: da.id,
          b: null,
        },
        t,
      );
      continue;
    }
    matchedDecisions++;
    const c = decisionCause(da, db);
    if (c) {
      decisionsDiffering++;
      push({ what: "decision", key, coin: da.coin, t, ...c, a: da.id, b: db.id }, t);
    }
  }
  for (const [key, db] of b.decisions) {
    if (a.decisions.has(key)) continue;
    decisionsDiffering++;
    const t = decidedAt(db);
    push(
      {
        what: "decision",
        key,
        coin: db.coin,
        t,
        cause: "signal",
        detail: `only in B (${db.verdict})`,
        a: null,
        b: db.id,
      },
      t,
    );
  }

  let tradesDiffering = 0;
  let matchedTrades = 0;
  for (const [key, ta] of a.trades) {
    const tb = b.trades.get(key);
    const p = ta.position;
    const until = p.closed_at ?? window.to;
    if (!tb) {
      tradesDiffering++;
      push(
        {
          what: "trade",
          key,
          coin: p.coin,
          t: p.opened_at,
          cause: "verdict",
          detail: "opened only in A",
          a: p.id,
          b: null,
        },
        until,
      );
      continue;
    }
    matchedTrades++;
    const c = tradeCause(ta, tb);
    if (c) {
      tradesDiffering++;
      push(
        { what: "trade", key, coin: p.coin, t: p.opened_at, ...c, a: p.id, b: tb.position.id },
        Math.max(until, tb.position.closed_at ?? window.to),
      );
    }
  }
  for (const [key, tb] of b.trades) {
    if (a.trades.has(key)) continue;
    tradesDiffering++;
    const p = tb.position;
    push(
      {
        what: "trade",
        key,
        coin: p.coin,
        t: p.opened_at,
        cause: "verdict",
        detail: "opened only in B",
        a: null,
        b: p.id,
      },
      p.closed_at ?? window.to,
    );
  }

  const sumR = (s: Side, mode: string) =>
    [...s.trades.values()]
      .filter((x) => x.position.mode === mode)
      .reduce((acc, x) => acc + (x.position.r_multiple ?? 0), 0);
  const r = Object.fromEntries(
    (["shadow", "live"] as const).map((m) => {
      const ra = sumR(a, m);
      const rb = sumR(b, m);
      return [m, { a: ra, b: rb, delta: rb - ra }];
    }),
  ) as CompareTotals["r"];
  diffs.sort((x, y) => x.t - y.t || x.key.localeCompare(y.key) || x.what.localeCompare(y.what));
  return {
    a: { runId: a.run.runId, ledger: a.path },
    b: { runId: b.run.runId, ledger: b.path },
    window,
    modes: a.modes,
    identical: diffs.length === 0,
    differences: diffs,
    totals: {
      decisions: {
        a: a.decisions.size,
        b: b.decisions.size,
        matched: matchedDecisions,
        onlyA: a.decisions.size - matchedDecisions,
        onlyB: b.decisions.size - matchedDecisions,
        differing: decisionsDiffering,
      },
      trades: {
        a: a.trades.size,
        b: b.trades.size,
        matched: matchedTrades,
        onlyA: a.trades.size - matchedTrades,
        onlyB: b.trades.size - matchedTrades,
        differing: tradesDiffering,
      },
      r,
    },
    dataDifferences: bars.length,
  };
}

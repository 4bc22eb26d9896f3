/**
 * `hlbot compare N --live-vs-shadow`: implementation shortfall of the live path against the shadow
 * path of the same run, per bucket. Each live trade is matched to the shadow trade of the same setup
 * key (same strategy first); per matched pair, in basis points of the live entry notional:
 *  - entry slippage: live entry price against the shadow's modelled fill (and against the order's
 *    reference price, the tick's price the order was based on);
 *  - fees, funding and exit slippage: live minus shadow.
 * Live figures come from the exchange's own fills (orders → fills by cloid: size-weighted price,
 * fees as charged, exit slippage against each exit order's reference price) when the ledger holds
 * them — the daemon's live path — and from the position rows otherwise (a backtest's simulated live
 * path; `source` says which). Positive bps = live paid more than the model.
 */
import type { Database } from "bun:sqlite";
import { bucketKey } from "../core/bucket.ts";
import { exitsOf, fillsOf, ordersOf, type PositionRow, positionsOfRun } from "../explain/ledger-rows.ts";
import { fillTotals } from "../live/fill-price.ts";

export interface TradeShortfall {
  bucket: string;
  setupKey: string;
  strategy: string;
  livePositionId: number;
  shadowPositionId: number;
  source: "exchange fills" | "position rows";
  notional: number;
  /** Live entry vs the shadow's modelled entry price, bps (adverse positive). */
  entryVsModelBps: number;
  /** Live entry vs the entry order's reference price, bps; null without a reference. */
  entryVsRefBps: number | null;
  feesBps: { live: number; shadow: number; delta: number };
  fundingBps: { live: number; shadow: number; delta: number };
  exitSlippageBps: { live: number; shadow: number; delta: number };
  r: { live: number | null; shadow: number | null; delta: number | null };
}

export interface BucketShortfall {
  bucket: string;
  trades: number;
  /** Means over the bucket's matched trades, bps of entry notional. */
  entryVsModelBps: number;
  feesBps: number;
  fundingBps: number;
  exitSlippageBps: number;
  /** Sum of the components: what live gave up against the model, bps. */
  totalBps: number;
  /** Σ (live R − shadow R). */
  deltaR: number;
}

export interface ShortfallReport {
  runId: number;
  trades: TradeShortfall[];
  buckets: BucketShortfall[];
  /** Live trades without a shadow trade of the same setup (listed by position id). */
  unmatched: number[];
}

const bps = (x: number, notional: number) => (notional > 0 ? (x / notional) * 10_000 : 0);

interface LiveCosts {
  source: TradeShortfall["source"];
  entryPx: number;
  refPx: number | null;
  fees: number;
  exitSlippage: number;
}

/** The live trade's entry price, fees and exit slippage — from the exchange's fills when stored. */
function liveCosts(db: Database, p: PositionRow): LiveCosts {
  const orders = ordersOf(db, p.id, p.decision_id);
  const d = p.side === "long" ? 1 : -1;
  const entry = orders.find((o) => o.role === "entry");
  const byOrder = orders.map((o) => ({ o, fills: fillsOf(db, -1, [o.cloid]) }));
  const anyFills = byOrder.some((x) => x.fills.length > 0);
  const exits = exitsOf(db, p.id);
  if (!anyFills) {
    return {
      source: "position rows",
      entryPx: p.entry_px,
      refPx: entry?.ref_px ? Number(entry.ref_px) : null,
      fees: p.fees,
      exitSlippage: exits.reduce((s, x) => s + x.slippage, 0),
    };
  }
  let fees = 0;
  let exitSlippage = 0;
  let entryPx = p.entry_px;
  for (const { o, fills } of byOrder) {
    if (fills.length === 0) continue;
    const t = fillTotals(fills);
    fees += t.fee;
    if (o.role === "entry") entryPx = t.px ?? p.entry_px;
    else if (o.ref_px !== null && t.px !== null) exitSlippage += (Number(o.ref_px) - t.px) * d * t.size;
  }
  return {
    source: "exchange fills",
    entryPx,
    refPx: entry?.ref_px ? Number(entry.ref_px) : null,
    fees,
    exitSlippage,
  };
}

export function liveVsShadow(db: Database, runId: number): ShortfallReport {
  const positions = positionsOfRun(db, runId).filter((p) => p.status === "closed");
  const shadowByKey = new Map<string, PositionRow[]>();
  for (const p of positions)
    if (p.mode === "shadow") shadowByKey.set(p.setup_key, [...(shadowByKey.get(p.setup_key) ?? []), p]);
  const trades: TradeShortfall[] = [];
  const unmatched: number[] = [];
  for (const live of positions) {
    if (live.mode !== "live" || live.decision_id === null) continue;
    const twins = shadowByKey.get(live.setup_key) ?? [];
    const shadow = twins.find((s) => s.strategy === live.strategy) ?? twins[0];
    if (!shadow) {
      unmatched.push(live.id);
      continue;
    }
    const d = live.side === "long" ? 1 : -1;
    const c = liveCosts(db, live);
    const notional = c.entryPx * live.initial_size;
    const shadowNotional = shadow.entry_px * shadow.initial_size;
    const shadowExitSlip = exitsOf(db, shadow.id).reduce((s, x) => s + x.slippage, 0);
    const pair = (l: number, s: number) => ({ live: l, shadow: s, delta: l - s });
    trades.push({
      bucket: bucketKey({
        strategy: live.strategy,
        side: live.side,
        session: live.session,
        regime: live.regime as "Long" | "Short" | "Neutral",
        vol_bucket: live.vol_bucket,
      }),
      setupKey: live.setup_key,
      strategy: live.strategy,
      livePositionId: live.id,
      shadowPositionId: shadow.id,
      source: c.source,
      notional,
      entryVsModelBps: ((c.entryPx - shadow.entry_px) * d * 10_000) / shadow.entry_px,
      entryVsRefBps: c.refPx === null ? null : ((c.entryPx - c.refPx) * d * 10_000) / c.refPx,
      feesBps: pair(bps(c.fees, notional), bps(shadow.fees, shadowNotional)),
      fundingBps: pair(bps(live.funding, notional), bps(shadow.funding, shadowNotional)),
      exitSlippageBps: pair(bps(c.exitSlippage, notional), bps(shadowExitSlip, shadowNotional)),
      r: {
        live: live.r_multiple,
        shadow: shadow.r_multiple,
        delta:
          live.r_multiple === null || shadow.r_multiple === null ? null : live.r_multiple - shadow.r_multiple,
      },
    });
  }
  return { runId, trades, buckets: byBucket(trades), unmatched };
}

function byBucket(trades: readonly TradeShortfall[]): BucketShortfall[] {
  const groups = new Map<string, TradeShortfall[]>();
  for (const t of trades) groups.set(t.bucket, [...(groups.get(t.bucket) ?? []), t]);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [...groups]
    .map(([bucket, ts]) => {
      const entry = mean(ts.map((t) => t.entryVsModelBps));
      const fees = mean(ts.map((t) => t.feesBps.delta));
      const funding = mean(ts.map((t) => t.fundingBps.delta));
      const exit = mean(ts.map((t) => t.exitSlippageBps.delta));
      return {
        bucket,
        trades: ts.length,
        entryVsModelBps: entry,
        feesBps: fees,
        fundingBps: funding,
        exitSlippageBps: exit,
        totalBps: entry + fees + funding + exit,
        deltaR: ts.reduce((s, t) => s + (t.r.delta ?? 0), 0),
      };
    })
    .sort((a, b) => b.totalBps - a.totalBps || a.bucket.localeCompare(b.bucket));
}

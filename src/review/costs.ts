/**
 * Realised trading costs of a week against the friction model's assumption, in basis points of the
 * notional traded (entries plus every exit, both legs of a round trip). The simulated paths' costs
 * are the model's own (equal to it under a flat model; a depth model prices each fill from a book);
 * the live path's come from the exchange: fees summed exactly from the fills' decimal strings, and
 * slippage measured per fill against the price its order expected (orders.ref_px).
 */
import type { RunTrade } from "../report/run-summary.ts";
import type { LiveFill } from "./fills.ts";

export interface CostReview {
  /** USDC traded: entries plus every exit. */
  notional: number;
  fees: number;
  slippage: number;
  funding: number;
  /** fees / notional, bps. */
  feeBps: number | null;
  slippageBps: number | null;
  /** The model's assumption per side (every fill is one side). */
  modelFeeBps: number;
  modelSlippageBps: number;
  /** "positions" (the ledger's trade rows) or "fills" (the exchange's fills, live). */
  source: "positions" | "fills";
  /** Live fills with no reference price (not counted in the slippage). */
  unreferencedFills?: number;
}

export interface ModelCosts {
  takerFeeBps: number;
  slippageBps: number;
}

const bps = (part: number, whole: number) => (whole > 0 ? (part / whole) * 10_000 : null);

/** Costs as the trades carry them. */
export function tradeCosts(trades: readonly RunTrade[], model: ModelCosts): CostReview {
  let notional = 0;
  let fees = 0;
  let slippage = 0;
  let funding = 0;
  for (const t of trades) {
    notional += t.size * t.entryPx;
    for (const e of t.exits) notional += e.size * e.px;
    fees += t.fees;
    slippage += t.slippage;
    funding += t.funding;
  }
  return {
    notional,
    fees,
    slippage,
    funding,
    feeBps: bps(fees, notional),
    slippageBps: bps(slippage, notional),
    modelFeeBps: model.takerFeeBps,
    modelSlippageBps: model.slippageBps,
    source: "positions",
  };
}

/** A decimal string as an exact integer of 1e-12 units (fees are summed without float drift). */
function picoUnits(text: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return 0n;
  const frac = (m[3] ?? "").slice(0, 12).padEnd(12, "0");
  const v = BigInt(m[2] || "0") * 10n ** 12n + BigInt(frac || "0");
  return m[1] ? -v : v;
}

/** Costs measured from the exchange's fills (the live path); funding from its trades. */
export function fillCosts(
  fills: readonly LiveFill[],
  trades: readonly RunTrade[],
  model: ModelCosts,
): CostReview {
  let fee = 0n;
  let notional = 0;
  let refNotional = 0;
  let slippage = 0;
  let unreferenced = 0;
  for (const f of fills) {
    fee += picoUnits(f.fee);
    const px = Number(f.px);
    const sz = Number(f.sz);
    notional += px * sz;
    if (f.refPx === null) {
      unreferenced++;
      continue;
    }
    const ref = Number(f.refPx);
    refNotional += px * sz;
    // Adverse: a buy above, a sell below the price the decision expected.
    slippage += (f.isBuy ? px - ref : ref - px) * sz;
  }
  const fees = Number(fee) / 1e12;
  return {
    notional,
    fees,
    slippage,
    funding: trades.reduce((a, t) => a + t.funding, 0),
    feeBps: bps(fees, notional),
    slippageBps: bps(slippage, refNotional),
    modelFeeBps: model.takerFeeBps,
    modelSlippageBps: model.slippageBps,
    source: "fills",
    unreferencedFills: unreferenced,
  };
}

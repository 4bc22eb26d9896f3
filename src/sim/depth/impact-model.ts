/**
 * The per-coin impact model v5 prices a fill with when no recorded book is near the fill time:
 *
 *   slippage_bps(N) = h + k · (N / D)^α              (adverse, against mid, for a taker of N USD)
 *   log h = a_h + e_h,σ · log(σ/σ₀) + e_h,V · log(V/V₀)   h = half-spread, bps
 *   log D = a_D + e_D,σ · log(σ/σ₀) + e_D,V · log(V/V₀)   D = USD resting within the band of mid
 *
 * σ and V are the market state at the fill (realized volatility and traded notional of the bars
 * closed by then); σ₀, V₀ are their geometric means over the fit sample. k and α are fitted on book
 * walks, the levels a_h, a_D on the snapshots' own spread and depth, the elasticities e by OLS when
 * the sample spans enough distinct bars — else they are the model's stated priors.
 */
import type { MarketState } from "./market-state.ts";

export interface LogLinear {
  /** Value at the reference state, exp(a). */
  atRef: number;
  volElasticity: number;
  volumeElasticity: number;
  /** "fitted" when OLS estimated the elasticities, "prior" when they are assumed. */
  elasticities: "fitted" | "prior";
}

export interface FitError {
  /** Held-out points (snapshot × side × notional, walks that stayed inside the recorded book). */
  points: number;
  snapshots: number;
  rmseBps: number;
  maeBps: number;
  /** Mean of predicted − walked, bps. */
  biasBps: number;
  /** Over all held-out points (sizes pooled), and within each notional (variation over time only). */
  r2: number;
  byNotional: { notionalUsd: number; points: number; rmseBps: number; r2: number; meanBps: number }[];
  /** RMSE of the flat per-side slippage on the same points, for comparison. */
  flatRmseBps: number;
}

export interface CoinImpactModel {
  coin: string;
  /** Reference state (geometric means over the fit sample); null when no bars covered the snapshots. */
  ref: { volPerSqrtHour: number; notionalPerHour: number } | null;
  halfSpreadBps: LogLinear;
  depthUsd: LogLinear;
  k: number;
  alpha: number;
  bandBps: number;
  sample: {
    snapshots: number;
    from: number;
    to: number;
    /** Distinct bars among the snapshots' market states. */
    stateBars: number;
    walkPoints: number;
    /** Walks that ran past the recorded levels (left out of the fit: their tail is an assumption). */
    exhaustedWalks: number;
  };
  /** Chronological hold-out error of a model fitted on the earlier snapshots only; null if too few. */
  validation: FitError | null;
}

function atState(f: LogLinear, m: CoinImpactModel, state: MarketState | null): number {
  if (!m.ref || !state || !(state.volPerSqrtHour > 0) || !(state.notionalPerHour > 0)) return f.atRef;
  return (
    f.atRef *
    (state.volPerSqrtHour / m.ref.volPerSqrtHour) ** f.volElasticity *
    (state.notionalPerHour / m.ref.notionalPerHour) ** f.volumeElasticity
  );
}

/** Predicted half-spread (bps) and band depth (USD) in `state` (the reference state when unknown). */
export function predictBook(
  m: CoinImpactModel,
  state: MarketState | null,
): { halfSpreadBps: number; depthUsd: number } {
  return { halfSpreadBps: atState(m.halfSpreadBps, m, state), depthUsd: atState(m.depthUsd, m, state) };
}

/** Predicted adverse slippage against mid, bps, of a taker order of `notionalUsd`. */
export function predictSlippageBps(
  m: CoinImpactModel,
  notionalUsd: number,
  state: MarketState | null,
): number {
  const { halfSpreadBps, depthUsd } = predictBook(m, state);
  return halfSpreadBps + m.k * (Math.max(0, notionalUsd) / depthUsd) ** m.alpha;
}

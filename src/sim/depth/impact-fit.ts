/**
 * Fits a coin's impact model (impact-model.ts) on its recorded books, deterministically:
 * 1. each snapshot gives its half-spread h, band depth D per side, and walks at the configured
 *    notionals (walks that run past the recorded levels are counted and left out);
 * 2. log h and log D are regressed on log(σ/σ₀), log(V/V₀) — by OLS when the snapshots span at least
 *    `minStateBars` distinct bars, else with the prior elasticities and only the level fitted — and
 *    retransformed with Duan's smearing factor so the level predicts the mean, not the median;
 * 3. k, α by least squares of (walked slippage − own h) on (N / own D).
 * The fit error is measured on a chronological hold-out (the last `holdoutFraction` of snapshots,
 * after an embargo gap) by a model fitted on the earlier snapshots only; the model returned is then
 * refitted on all snapshots and carries that hold-out error.
 */
import type { DepthSettings } from "../models/model.ts";
import { bandDepth, halfSpreadBps } from "./book-measures.ts";
import { toNumber } from "./exact.ts";
import type { CoinImpactModel, FitError, LogLinear } from "./impact-model.ts";
import { predictSlippageBps } from "./impact-model.ts";
import { fitPower, ols2 } from "./least-squares.ts";
import type { MarketState } from "./market-state.ts";
import { type ParsedBook, type TakerSide, walkSlippageBps } from "./walk.ts";

export interface FitSample {
  book: ParsedBook;
  /** Market state at the snapshot time (bars closed by then), or null when no bars cover it. */
  state: MarketState | null;
}

interface Walked {
  side: TakerSide;
  notionalUsd: number;
  slippageBps: number;
  depthUsd: number;
}

interface Measured {
  t: number;
  state: MarketState | null;
  halfSpreadBps: number;
  depth: { side: TakerSide; usd: number }[];
  walks: Walked[];
  exhausted: number;
}

const SIDES: readonly TakerSide[] = ["buy", "sell"];

function measure(s: FitSample, settings: DepthSettings): Measured {
  const mid = toNumber(s.book.mid);
  const depth = SIDES.map((side) => ({ side, usd: bandDepth(s.book, side, settings.bandBps).usd }));
  const walks: Walked[] = [];
  let exhausted = 0;
  for (const side of SIDES) {
    const depthUsd = depth.find((d) => d.side === side)!.usd;
    for (const notionalUsd of settings.fitNotionalsUsd) {
      const w = walkSlippageBps(s.book, side, notionalUsd / mid);
      if (w.exhausted) exhausted++;
      else walks.push({ side, notionalUsd, slippageBps: w.slippageBpsMid, depthUsd });
    }
  }
  return { t: s.book.t, state: s.state, halfSpreadBps: halfSpreadBps(s.book), depth, walks, exhausted };
}

function geoMean(xs: number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** log y on the state covariates: OLS when identified, else the priors; then Duan's smearing. */
function logLinear(
  x1: number[],
  x2: number[],
  y: number[],
  identified: boolean,
  prior: [number, number],
): LogLinear {
  const ly = y.map(Math.log);
  const beta = identified ? ols2(x1, x2, ly) : null;
  const [e1, e2] = beta ? [beta[1]!, beta[2]!] : prior;
  const a = beta ? beta[0]! : ly.reduce((s, v, i) => s + v - e1 * x1[i]! - e2 * x2[i]!, 0) / ly.length;
  const smear = ly.reduce((s, v, i) => s + Math.exp(v - a - e1 * x1[i]! - e2 * x2[i]!), 0) / ly.length;
  return {
    atRef: Math.exp(a) * smear,
    volElasticity: e1,
    volumeElasticity: e2,
    elasticities: beta ? "fitted" : "prior",
  };
}

function fitOn(
  coin: string,
  rows: readonly Measured[],
  s: DepthSettings,
): Omit<CoinImpactModel, "validation"> {
  const states = rows.map((r) => r.state).filter((x): x is MarketState => x !== null);
  const ref = states.length
    ? {
        volPerSqrtHour: geoMean(states.map((x) => x.volPerSqrtHour)),
        notionalPerHour: geoMean(states.map((x) => x.notionalPerHour)),
      }
    : null;
  const cov = (st: MarketState | null): [number, number] =>
    ref && st
      ? [Math.log(st.volPerSqrtHour / ref.volPerSqrtHour), Math.log(st.notionalPerHour / ref.notionalPerHour)]
      : [0, 0];
  const stateBars = new Set(states.map((x) => x.barT)).size;
  const identified = ref !== null && stateBars >= s.minStateBars;
  const p = s.priors;
  const spreadCov = rows.map((r) => cov(r.state));
  const halfSpread = logLinear(
    spreadCov.map((c) => c[0]),
    spreadCov.map((c) => c[1]),
    rows.map((r) => r.halfSpreadBps),
    identified,
    [p.spreadVol, p.spreadVolume],
  );
  const depthRows = rows.flatMap((r) =>
    r.depth.filter((d) => d.usd > 0).map((d) => ({ c: cov(r.state), usd: d.usd })),
  );
  const depth = logLinear(
    depthRows.map((d) => d.c[0]),
    depthRows.map((d) => d.c[1]),
    depthRows.map((d) => d.usd),
    identified,
    [p.depthVol, p.depthVolume],
  );
  const x: number[] = [];
  const y: number[] = [];
  for (const r of rows) {
    for (const w of r.walks) {
      if (!(w.depthUsd > 0)) continue;
      x.push(w.notionalUsd / w.depthUsd);
      y.push(w.slippageBps - r.halfSpreadBps);
    }
  }
  const power = fitPower(x, y);
  return {
    coin,
    ref,
    halfSpreadBps: halfSpread,
    depthUsd: depth,
    k: power.k,
    alpha: power.alpha,
    bandBps: s.bandBps,
    sample: {
      snapshots: rows.length,
      from: rows[0]!.t,
      to: rows[rows.length - 1]!.t,
      stateBars,
      walkPoints: x.length,
      exhaustedWalks: rows.reduce((a, r) => a + r.exhausted, 0),
    },
  };
}

function r2(actual: number[], predicted: number[]): number {
  const mean = actual.reduce((a, v) => a + v, 0) / actual.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < actual.length; i++) {
    res += (actual[i]! - predicted[i]!) ** 2;
    tot += (actual[i]! - mean) ** 2;
  }
  return tot > 0 ? 1 - res / tot : Number.NaN;
}

const rmse = (e: number[]) => Math.sqrt(e.reduce((a, v) => a + v * v, 0) / e.length);

/** Error of `model` on `rows` (their walks), with the flat slippage's error for comparison. */
export function fitError(model: CoinImpactModel, rows: readonly Measured[], flatBps: number): FitError {
  const actual: number[] = [];
  const predicted: number[] = [];
  const notional: number[] = [];
  for (const r of rows) {
    for (const w of r.walks) {
      actual.push(w.slippageBps);
      predicted.push(predictSlippageBps(model, w.notionalUsd, r.state));
      notional.push(w.notionalUsd);
    }
  }
  const err = actual.map((a, i) => predicted[i]! - a);
  const byNotional = [...new Set(notional)].map((n) => {
    const idx = notional.flatMap((v, i) => (v === n ? [i] : []));
    const a = idx.map((i) => actual[i]!);
    return {
      notionalUsd: n,
      points: idx.length,
      rmseBps: rmse(idx.map((i) => err[i]!)),
      r2: r2(
        a,
        idx.map((i) => predicted[i]!),
      ),
      meanBps: a.reduce((s, v) => s + v, 0) / a.length,
    };
  });
  return {
    points: actual.length,
    snapshots: rows.length,
    rmseBps: rmse(err),
    maeBps: err.reduce((a, v) => a + Math.abs(v), 0) / err.length,
    biasBps: err.reduce((a, v) => a + v, 0) / err.length,
    r2: r2(actual, predicted),
    byNotional,
    flatRmseBps: rmse(actual.map((a) => a - flatBps)),
  };
}

/**
 * The coin's impact model from its snapshots (any order), or null with fewer than
 * `minFitSnapshots`. `flatBps` is the fallback slippage the hold-out error is compared with.
 */
export function fitImpactModel(
  coin: string,
  samples: readonly FitSample[],
  settings: DepthSettings,
  flatBps: number,
): CoinImpactModel | null {
  if (samples.length < settings.minFitSnapshots) return null;
  const rows = [...samples].sort((a, b) => a.book.t - b.book.t).map((s) => measure(s, settings));
  const cut = Math.floor(rows.length * (1 - settings.holdoutFraction));
  const train = rows.slice(0, cut);
  const lastTrain = train.at(-1)?.t ?? Number.POSITIVE_INFINITY;
  const test = rows.slice(cut).filter((r) => r.t > lastTrain + settings.embargoMs);
  const enough = (part: Measured[]) => part.length >= 10 && part.some((r) => r.walks.length > 0);
  const validation =
    enough(train) && enough(test)
      ? fitError({ ...fitOn(coin, train, settings), validation: null }, test, flatBps)
      : null;
  return { ...fitOn(coin, rows, settings), validation };
}

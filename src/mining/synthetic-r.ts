/**
 * Synthetic trade R with a known edge, for calibrating the promotion gate (hlbot research question 8,
 * tests/mining) and the mining benchmark: realistic skewed, fat-tailed net R (−1R stops 62%, −4R gaps
 * through the stop 1%, +2R targets 35.5%, +10R runners 1.5%: skew ≈ 2, Pearson kurtosis ≈ 11) shifted
 * to an exact mean edge, plus small friction noise.
 */
import type { Random } from "./rng.ts";

const OUTCOMES = [
  [-1, 0.62],
  [-4, 0.01],
  [2, 0.355],
  [10, 0.015],
] as const;
const MIXTURE_MEAN = OUTCOMES.reduce((s, [v, p]) => s + v * p, 0);
const NOISE_SD = 0.05;
/** Standard deviation of one trade's net R (mixture plus friction noise). */
export const TRADE_SD = Math.sqrt(
  OUTCOMES.reduce((s, [v, p]) => s + (v - MIXTURE_MEAN) ** 2 * p, 0) + NOISE_SD ** 2,
);

export function gaussian(rand: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** One trade's net R with true mean `edge`. */
export function drawR(rand: Random, edge: number): number {
  const u = rand();
  const outcome = u < 0.62 ? -1 : u < 0.63 ? -4 : u < 0.985 ? 2 : 10;
  return outcome - MIXTURE_MEAN + edge + NOISE_SD * gaussian(rand);
}

/** Fills `out` with n draws (vectorised generation for the calibration loops). */
export function drawMany(rand: Random, edge: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = drawR(rand, edge);
  return out;
}

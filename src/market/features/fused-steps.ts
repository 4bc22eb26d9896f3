/**
 * The per-bar steps of the fused feature pipeline, as plain functions over typed-array state: a
 * TA-Lib-seeded smoother slot, a drift-free window sum, a monotonic-deque extreme, the z-score and
 * the Hurst exponent. Each repeats, operation for operation, the arithmetic of its reference class
 * (smoothers.ts, window-sum.ts, sliding-extreme.ts, zscore.ts, hurst.ts), so the pipeline's values
 * are bit-identical to the composed reference indicators (tests/market/features/fused-pipeline.test.ts checks every field of every real bar).
 *
 * Why not call the classes: composed, the pipeline was ~20 small objects per series and JavaScriptCore
 * compiled it into one of two code shapes from run to run (~310 or ~450 ns per bar, all 69 real
 * series); over typed arrays the state is always a double, and the one flat update runs at 260–280
 * ns per bar in every run.
 */
import { ZSCORE_FLAT_SD } from "./zscore.ts";

/** Smoother slot layout: [value, count, seedSum] at 3·k. */
export const SMOOTHER_STRIDE = 3;

/** A bank of `slots` smoothers, every value NaN until its seed is complete. */
export function smootherBank(slots: number): Float64Array {
  const bank = new Float64Array(slots * SMOOTHER_STRIDE);
  for (let k = 0; k < slots; k++) bank[k * SMOOTHER_STRIDE] = Number.NaN;
  return bank;
}

/** SeededSmoother.add on slot `k`: SMA of the first `period` inputs, then x·w + value·(1−w). */
export function smooth(bank: Float64Array, k: number, period: number, w: number, x: number): number {
  const i = k * SMOOTHER_STRIDE;
  if (bank[i + 1]! >= period) {
    const v = x * w + bank[i]! * (1 - w);
    bank[i] = v;
    return v;
  }
  bank[i + 2] = bank[i + 2]! + x;
  bank[i + 1] = bank[i + 1]! + 1;
  if (bank[i + 1] === period) {
    const seed = bank[i + 2]! / period;
    bank[i] = seed * w + seed * (1 - w);
  }
  return bank[i]!;
}

/** Window-sum state layout (WindowSum + its WindowRing). */
export const WS_HEAD = 0;
export const WS_COUNT = 1;
export const WS_SUM = 2;
export const WS_PHASE = 3;
export const WS_LAST_INDEX = 4;

export function windowSumState(): Float64Array {
  const st = new Float64Array(5);
  st[WS_LAST_INDEX] = Number.NaN;
  return st;
}

/**
 * WindowSum.push: adds `x` (bar `barIndex`) to the last-`size` window held twice in `buf` (2·size),
 * resumming exactly on bars whose index is a multiple of `size`. Returns the window sum.
 */
export function windowSumPush(
  buf: Float64Array,
  st: Float64Array,
  size: number,
  x: number,
  barIndex: number,
): number {
  const h = st[WS_HEAD]!;
  const full = st[WS_COUNT]! >= size;
  const leaving = full ? buf[h]! : 0;
  buf[h] = x;
  buf[h + size] = x;
  const head = h + 1 === size ? 0 : h + 1;
  st[WS_HEAD] = head;
  st[WS_COUNT] = st[WS_COUNT]! + 1;
  const last = st[WS_LAST_INDEX]!;
  const prevPhase = st[WS_PHASE]!;
  const phase = barIndex === last + 1 ? (prevPhase + 1 === size ? 0 : prevPhase + 1) : barIndex % size;
  st[WS_PHASE] = phase;
  st[WS_LAST_INDEX] = barIndex;
  if (phase === 0 && st[WS_COUNT]! >= size) {
    let s = 0;
    for (let i = head; i < head + size; i++) s += buf[i]!;
    st[WS_SUM] = s;
    return s;
  }
  const s = st[WS_SUM]! + x - leaving;
  const sum = Math.max(s, 0);
  st[WS_SUM] = sum;
  return sum;
}

/** Sliding-extreme state layout: [head, len, seq]. */
export const SE_HEAD = 0;
export const SE_LEN = 1;
export const SE_SEQ = 2;

/**
 * SlidingExtreme.push for the max (sign 1) or min (sign −1) of the last `size` values: `vals` and
 * `seqs` hold size + 1 slots.
 */
export function extremePush(
  vals: Float64Array,
  seqs: Float64Array,
  st: Float64Array,
  size: number,
  sign: number,
  x: number,
): void {
  const v = x * sign;
  const cap = size + 1;
  let head = st[SE_HEAD]!;
  const seq = st[SE_SEQ]!;
  let len = st[SE_LEN]!;
  while (len > 0) {
    let back = head + len - 1;
    if (back >= cap) back -= cap;
    if (vals[back]! > v) break;
    len--;
  }
  let at = head + len;
  if (at >= cap) at -= cap;
  vals[at] = v;
  seqs[at] = seq;
  len++;
  if (seqs[head]! <= seq - size) {
    head = head + 1 === cap ? 0 : head + 1;
    len--;
  }
  st[SE_HEAD] = head;
  st[SE_LEN] = len;
  st[SE_SEQ] = seq + 1;
}

/** SlidingExtreme.value: the window's extreme, NaN before the first push. */
export function extremeValue(vals: Float64Array, st: Float64Array, sign: number): number {
  return st[SE_LEN]! > 0 ? vals[st[SE_HEAD]!]! * sign : Number.NaN;
}

/** ZScore.add's value from the window's mean and Σ(x − mean)² (two-pass, as zscore.ts computes them). */
export function zScoreFrom(close: number, mean: number, sq: number, period: number): number {
  const sd = Math.sqrt(sq / (period - 1));
  return sd > ZSCORE_FLAT_SD * Math.abs(mean) ? (close - mean) / sd : 0;
}

/**
 * R/S of one chunk of `w` returns r[from ..], with the log closes at its ends at lg[lFrom] and
 * lg[lFrom + w] (hurst.ts's inner loop); NaN for a chunk Hurst.add skips (R = 0 or S = 0).
 */
function chunkRs(r: Float64Array, from: number, lg: Float64Array, lFrom: number, w: number): number {
  const m = (lg[lFrom + w]! - lg[lFrom]!) / w;
  let z = 0;
  let zMax = Number.NEGATIVE_INFINITY;
  let zMin = Number.POSITIVE_INFINITY;
  let sq = 0;
  for (let j = from; j < from + w; j++) {
    const d = r[j]! - m;
    z += d;
    sq += d * d;
    if (z > zMax) zMax = z;
    if (z < zMin) zMin = z;
  }
  const range = zMax - zMin;
  const sd = Math.sqrt(sq / (w - 1));
  return range === 0 || sd === 0 ? Number.NaN : range / sd;
}

/**
 * Hurst.add's value over a full window: `period` log returns at r[r0 ..] and the `period + 1` log
 * closes they join at lg[l0 ..], chunked by `sizes` and fitted with `coefs` (hurst.ts). The
 * pipeline calls it lazily, when a bar's `hurst` is first read (pipeline.ts).
 */
export function hurstOf(
  r: Float64Array,
  r0: number,
  lg: Float64Array,
  l0: number,
  period: number,
  sizes: Int32Array,
  coefs: Float64Array,
): number {
  let h = 0;
  for (let k = 0; k < sizes.length; k++) {
    const w = sizes[k]!;
    const chunks = (period / w) | 0;
    let acc = 0;
    let used = 0;
    for (let c = 0; c < chunks; c++) {
      const v = chunkRs(r, r0 + c * w, lg, l0 + c * w, w);
      if (!Number.isNaN(v)) {
        acc += v;
        used++;
      }
    }
    h += coefs[k]! * Math.log10(acc / used);
  }
  return h;
}

/**
 * Independent reference indicators for the tests: plain array loops written straight from the
 * Wilder / TA-Lib formulas (ta_EMA.c, ta_RSI.c, ta_ATR.c, ta_ADX.c/ta_PLUS_DI.c, ta_BBANDS.c with a
 * two-pass population σ), sharing no code with src/market/features. NaN where TA-Lib has no output.
 */

export function refEma(x: readonly number[], n: number): number[] {
  const out = x.map(() => Number.NaN);
  if (x.length < n) return out;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i]!;
  let ema = sum / n;
  out[n - 1] = ema;
  const k = 2 / (n + 1);
  for (let i = n; i < x.length; i++) {
    ema = (x[i]! - ema) * k + ema;
    out[i] = ema;
  }
  return out;
}

export function refRsi(close: readonly number[], n: number): number[] {
  const out = close.map(() => Number.NaN);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= n; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= n;
  loss /= n;
  out[n] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  for (let i = n + 1; i < close.length; i++) {
    const d = close[i]! - close[i - 1]!;
    gain = (gain * (n - 1) + Math.max(d, 0)) / n;
    loss = (loss * (n - 1) + (d < 0 ? -d : 0)) / n;
    out[i] = gain + loss === 0 ? 0 : (100 * gain) / (gain + loss);
  }
  return out;
}

function trueRange(h: readonly number[], l: readonly number[], c: readonly number[], i: number): number {
  return Math.max(h[i]! - l[i]!, Math.abs(h[i]! - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!));
}

export function refAtr(
  h: readonly number[],
  l: readonly number[],
  c: readonly number[],
  n: number,
): number[] {
  const out = c.map(() => Number.NaN);
  let atr = 0;
  for (let i = 1; i <= n; i++) atr += trueRange(h, l, c, i);
  atr /= n;
  out[n] = atr;
  for (let i = n + 1; i < c.length; i++) {
    atr = (atr * (n - 1) + trueRange(h, l, c, i)) / n;
    out[i] = atr;
  }
  return out;
}

/** TA-Lib ADX/PLUS_DI/MINUS_DI with Wilder SUMS (not averages), exactly as ta_ADX.c lays them out. */
export function refDmi(
  h: readonly number[],
  l: readonly number[],
  c: readonly number[],
  n: number,
): { plusDi: number[]; minusDi: number[]; adx: number[] } {
  const plusDi = c.map(() => Number.NaN);
  const minusDi = c.map(() => Number.NaN);
  const adx = c.map(() => Number.NaN);
  let pdm = 0;
  let mdm = 0;
  let tr = 0;
  const dm = (i: number): [number, number] => {
    const diffP = h[i]! - h[i - 1]!;
    const diffM = l[i - 1]! - l[i]!;
    if (diffM > 0 && diffP < diffM) return [0, diffM];
    if (diffP > 0 && diffP > diffM) return [diffP, 0];
    return [0, 0];
  };
  for (let i = 1; i < n; i++) {
    const [p, m] = dm(i);
    pdm += p;
    mdm += m;
    tr += trueRange(h, l, c, i);
  }
  let sumDx = 0;
  let prevAdx = Number.NaN;
  for (let i = n; i < c.length; i++) {
    const [p, m] = dm(i);
    pdm = pdm - pdm / n + p;
    mdm = mdm - mdm / n + m;
    tr = tr - tr / n + trueRange(h, l, c, i);
    let dx = Number.NaN;
    if (tr !== 0) {
      plusDi[i] = (100 * pdm) / tr;
      minusDi[i] = (100 * mdm) / tr;
      const s = plusDi[i]! + minusDi[i]!;
      if (s !== 0) dx = (100 * Math.abs(plusDi[i]! - minusDi[i]!)) / s;
    } else {
      plusDi[i] = 0;
      minusDi[i] = 0;
    }
    if (i < 2 * n - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
    } else if (i === 2 * n - 1) {
      if (!Number.isNaN(dx)) sumDx += dx;
      prevAdx = sumDx / n;
      adx[i] = prevAdx;
    } else {
      if (!Number.isNaN(dx)) prevAdx = (prevAdx * (n - 1) + dx) / n;
      adx[i] = prevAdx;
    }
  }
  return { plusDi, minusDi, adx };
}

export function refBollinger(
  close: readonly number[],
  n: number,
  k: number,
): { upper: number[]; middle: number[]; lower: number[] } {
  const upper = close.map(() => Number.NaN);
  const middle = close.map(() => Number.NaN);
  const lower = close.map(() => Number.NaN);
  for (let i = n - 1; i < close.length; i++) {
    const w = close.slice(i - n + 1, i + 1);
    const mean = w.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    middle[i] = mean;
    upper[i] = mean + k * sd;
    lower[i] = mean - k * sd;
  }
  return { upper, middle, lower };
}

/** Max high, min low and mean volume of the n bars BEFORE i. */
export function refPriorRange(
  h: readonly number[],
  l: readonly number[],
  v: readonly number[],
  n: number,
): { high: number[]; low: number[]; volumeAvg: number[] } {
  const high = h.map(() => Number.NaN);
  const low = h.map(() => Number.NaN);
  const volumeAvg = h.map(() => Number.NaN);
  for (let i = n; i < h.length; i++) {
    high[i] = Math.max(...h.slice(i - n, i));
    low[i] = Math.min(...l.slice(i - n, i));
    volumeAvg[i] = v.slice(i - n, i).reduce((a, b) => a + b, 0) / n;
  }
  return { high, low, volumeAvg };
}

/** RMS of 1-bar log returns over the last s and L returns, and their ratio. */
export function refVolRatio(close: readonly number[], s: number, L: number): number[] {
  const out = close.map(() => Number.NaN);
  for (let i = L; i < close.length; i++) {
    const r2 = (j: number) => Math.log(close[j]! / close[j - 1]!) ** 2;
    let ss = 0;
    let ls = 0;
    for (let j = i - L + 1; j <= i; j++) {
      ls += r2(j);
      if (j > i - s) ss += r2(j);
    }
    const long = Math.sqrt(ls / L);
    out[i] = long > 0 ? Math.sqrt(ss / s) / long : 0;
  }
  return out;
}

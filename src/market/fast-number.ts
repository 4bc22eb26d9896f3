/**
 * Parses a decimal number from a slice of text without allocating a substring. Exact: the digits are
 * gathered as an integer m < 2^53 and scaled by an exact power of ten (10^k, k ≤ 22) in ONE division
 * or multiplication of exact operands, which IEEE-754 rounds correctly — so the result is bit-identical
 * to Number(). Anything outside that range (too many digits, large exponents) falls back to Number().
 */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT = 2 ** 53;

export function parseNumber(text: string, start: number, end: number): number {
  let i = start;
  let neg = false;
  let c = text.charCodeAt(i);
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let scale = 0;
  let seenDot = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      if (m !== 0 || digits) digits++;
      if (seenDot) scale++;
    } else if (c === 46 /* . */ && !seenDot) seenDot = true;
    else break;
  }
  if (i === start || (i === start + 1 && (neg || seenDot))) return Number.NaN;
  let exp = 0;
  if (i < end && (c === 101 || c === 69) /* e E */) {
    i++;
    let eneg = false;
    c = text.charCodeAt(i);
    if (c === 45 || c === 43) {
      eneg = c === 45;
      i++;
    }
    const expStart = i;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      exp = exp * 10 + (c - 48);
    }
    if (i === expStart) return Number.NaN;
    if (eneg) exp = -exp;
  }
  if (i !== end) return Number.NaN;
  const e = exp - scale;
  if (digits > 15 || m >= MAX_EXACT || e < -22 || e > 22) return Number(text.slice(start, end));
  const v = e < 0 ? m / POW10[-e]! : m * POW10[e]!;
  return neg ? -v : v;
}

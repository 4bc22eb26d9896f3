/** The earliest and latest of a batch's times (what a columnar insert counts stored rows over). */
export function timeSpan(t: ArrayLike<number>): { lo: number; hi: number } {
  let lo = t[0]!;
  let hi = lo;
  for (let i = 1; i < t.length; i++) {
    const x = t[i]!;
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
  }
  return { lo, hi };
}

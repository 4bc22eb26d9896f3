/**
 * Curves thinned for display: a full-data run has one point per closed trade or per hour, more than a
 * page needs. Each slice keeps the points a reader must not lose — the extremes (the worst drawdown,
 * the lowest and highest cumulative R) and its last point — so the thinned line is never flattered.
 */

/** Keeps about `max` points: per slice of `curve` its lowest and highest `value` and its last point, in time order. */
export function thinCurve<T extends { t: number }>(
  curve: readonly T[],
  max: number,
  value: (p: T) => number,
): T[] {
  if (curve.length <= max) return [...curve];
  const per = Math.ceil(curve.length / Math.max(1, Math.floor(max / 3)));
  const out: T[] = [curve[0]!];
  for (let i = 1; i < curve.length; i += per) {
    const slice = curve.slice(i, i + per);
    let lo = slice[0]!;
    let hi = slice[0]!;
    for (const p of slice) {
      if (value(p) < value(lo)) lo = p;
      if (value(p) > value(hi)) hi = p;
    }
    const keep = [...new Set([lo, hi, slice.at(-1)!])].sort((a, b) => a.t - b.t);
    for (const p of keep) out.push(p);
  }
  return out;
}

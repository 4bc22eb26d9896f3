/**
 * Forward pagination for Hyperliquid's time-range queries (candles ≤ 5000, funding ≤ 500, fills
 * ≤ 2000 per response). The next page starts AT the last item's time (not +1: several fills share a
 * millisecond and a page may end inside such a group); items already seen are dropped by key. Every
 * request costs ≥ 20 weight, so the walk stops as soon as the answer is known, without asking again:
 * a page shorter than the venue's page limit holds everything left in the range; a page that brings
 * nothing new, or nothing past the time the previous page ended at, cannot be followed by more; and a
 * page that reaches `endTime` ends the range.
 */

export interface PageWalk<T> {
  startTime: number;
  /** Inclusive end; undefined = up to now. */
  endTime?: number | undefined;
  /** Most items the venue returns per page; a shorter page is the last one. */
  pageLimit: number;
  fetchPage(startTime: number): Promise<T[]>;
  timeOf(item: T): number;
  keyOf(item: T): string;
}

export async function paginateForward<T>(walk: PageWalk<T>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let start = walk.startTime;
  for (;;) {
    const page = await walk.fetchPage(start);
    let lastTime = start;
    let added = 0;
    for (const item of page) {
      const time = walk.timeOf(item);
      if (time < walk.startTime || (walk.endTime !== undefined && time > walk.endTime)) continue;
      lastTime = Math.max(lastTime, time);
      const key = walk.keyOf(item);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
      added++;
    }
    const short = page.length < walk.pageLimit;
    const stuck = added === 0 || lastTime <= start; // asking from `start` again returns this page
    if (short || stuck || (walk.endTime !== undefined && lastTime >= walk.endTime)) break;
    start = lastTime;
  }
  return out.sort((a, b) => walk.timeOf(a) - walk.timeOf(b));
}

/**
 * Forward pagination for Hyperliquid's time-range queries (candles ≤ 5000, funding ≤ 500, fills
 * ≤ 2000 per response). The next page starts AT the last item's time (not +1: several fills share a
 * millisecond and a page may end inside such a group); items already seen are dropped by key. We stop
 * when a page brings nothing new or reaches `endTime` — no reliance on page-size constants.
 */

export interface PageWalk<T> {
  startTime: number;
  /** Inclusive end; undefined = up to now. */
  endTime?: number | undefined;
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
    if (added === 0 || (walk.endTime !== undefined && lastTime >= walk.endTime)) break;
    start = lastTime;
  }
  return out.sort((a, b) => walk.timeOf(a) - walk.timeOf(b));
}

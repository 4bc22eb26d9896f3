import { describe, expect, test } from "bun:test";
import { paginateForward } from "../../src/hyperliquid/paginate.ts";

interface Item {
  time: number;
  id: string;
}

/** A venue that returns at most `limit` items with time in [start, end], oldest first. */
function venue(items: Item[], limit: number) {
  const calls: number[] = [];
  return {
    calls,
    fetchPage: async (start: number, end = Number.POSITIVE_INFINITY) => {
      calls.push(start);
      return items.filter((i) => i.time >= start && i.time <= end).slice(0, limit);
    },
  };
}

describe("paginateForward", () => {
  test("walks all pages and stops at the first short page, without asking again", async () => {
    const items = Array.from({ length: 1234 }, (_, i) => ({ time: 1000 + i, id: `f${i}` }));
    const v = venue(items, 500);
    const out = await paginateForward({
      startTime: 1000,
      pageLimit: 500,
      fetchPage: (s) => v.fetchPage(s),
      timeOf: (i) => i.time,
      keyOf: (i) => i.id,
    });
    expect(out).toEqual(items);
    expect(v.calls, "the third page (236 < 500) is the last").toEqual([1000, 1499, 1998]);
  });

  test("several items in one ms across a page boundary are neither lost nor duplicated", async () => {
    const items = [
      ...Array.from({ length: 3 }, (_, i) => ({ time: 10 + i, id: `a${i}` })),
      ...Array.from({ length: 4 }, (_, i) => ({ time: 20, id: `same${i}` })),
      { time: 30, id: "z" },
    ];
    const v = venue(items, 5);
    const out = await paginateForward({
      startTime: 0,
      pageLimit: 5,
      fetchPage: (s) => v.fetchPage(s),
      timeOf: (i) => i.time,
      keyOf: (i) => i.id,
    });
    expect(out.map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  test("stops at endTime and ignores items outside the range", async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ time: i, id: String(i) }));
    const v = venue(items, 30);
    const out = await paginateForward({
      startTime: 10,
      endTime: 50,
      pageLimit: 30,
      fetchPage: (s) => v.fetchPage(s, 50),
      timeOf: (i) => i.time,
      keyOf: (i) => i.id,
    });
    expect(out.map((i) => i.time)).toEqual(Array.from({ length: 41 }, (_, i) => 10 + i));
    expect(v.calls).toEqual([10, 39]);
  });

  test("an empty first page ends the walk", async () => {
    const v = venue([], 10);
    expect(
      await paginateForward({
        startTime: 0,
        pageLimit: 10,
        fetchPage: (s) => v.fetchPage(s),
        timeOf: (i) => i.time,
        keyOf: (i) => i.id,
      }),
    ).toEqual([]);
    expect(v.calls).toEqual([0]);
  });

  test("a full page is followed from its last time (pages overlap by one item, kept once)", async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ time: i, id: String(i) }));
    const v = venue(items, 500);
    const out = await paginateForward({
      startTime: 0,
      pageLimit: 500,
      fetchPage: (s) => v.fetchPage(s),
      timeOf: (i) => i.time,
      keyOf: (i) => i.id,
    });
    expect(out).toEqual(items);
    expect(v.calls).toEqual([0, 499, 998]);
  });

  test("a full page inside one millisecond ends the walk (asking again would repeat it)", async () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ time: 7, id: `same${i}` }));
    const v = venue(items, 5);
    const out = await paginateForward({
      startTime: 7,
      pageLimit: 5,
      fetchPage: (s) => v.fetchPage(s),
      timeOf: (i) => i.time,
      keyOf: (i) => i.id,
    });
    expect(out).toHaveLength(5);
    expect(v.calls).toEqual([7]);
  });
});

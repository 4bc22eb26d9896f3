import { describe, expect, test } from "bun:test";
import { openLedger } from "../../../src/ledger/open.ts";
import { type BookSnapshotRow, BookSnapshotsRepo } from "../../../src/ledger/repos/book-snapshots.ts";

describe("BookSnapshotsRepo", () => {
  test("round-trips top of book and optional levels, idempotent per (coin, t)", () => {
    const repo = new BookSnapshotsRepo(openLedger(":memory:"));
    const full: BookSnapshotRow = {
      coin: "BTC",
      t: 1704110399915,
      bestBid: 42727,
      bestAsk: 42728,
      bidSz: 0.02265,
      askSz: 1.5,
      levels: [
        [
          [42727, 0.02265, 1],
          [42723, 0.17828, 1],
        ],
        [[42728, 1.5, 3]],
      ],
    };
    const top: BookSnapshotRow = { ...full, t: full.t + 600, levels: null };
    expect(repo.insertMany([full, top])).toBe(2);
    expect(repo.insertMany([{ ...full, bestBid: 1 }])).toBe(0);
    expect(repo.list("BTC")).toEqual([full, top]);
    expect(repo.lastTime("BTC")).toBe(top.t);
    expect(repo.list("ETH")).toEqual([]);
  });

  test("atOrBefore never returns a later snapshot and honours the age limit; each visits in order", () => {
    const repo = new BookSnapshotsRepo(openLedger(":memory:"));
    const row = (t: number): BookSnapshotRow => ({
      coin: "BTC",
      t,
      bestBid: 1,
      bestAsk: 2,
      bidSz: 1,
      askSz: 1,
      levels: [[[1, 1, 1]], [[2, 1, 1]]],
    });
    repo.insertMany([row(1000), row(2000), row(3000)]);
    expect(repo.atOrBefore("BTC", 2999)?.t).toBe(2000);
    expect(repo.atOrBefore("BTC", 3000)?.t).toBe(3000);
    expect(repo.atOrBefore("BTC", 999)).toBeNull();
    expect(repo.atOrBefore("BTC", 2999, 998)).toBeNull();
    expect(repo.atOrBefore("BTC", 2999, 999)?.t).toBe(2000);
    const seen: number[] = [];
    repo.each("BTC", 1500, 3001, (r) => seen.push(r.t));
    expect(seen).toEqual([2000, 3000]);
  });

  test("coverage: snapshots per coin, their window and how many levels they kept", () => {
    const repo = new BookSnapshotsRepo(openLedger(":memory:"));
    const base = { bestBid: 1, bestAsk: 2, bidSz: 1, askSz: 1 };
    const five = Array.from({ length: 5 }, (_, i): [number, number, number] => [1 + i, 1, 1]);
    repo.insertMany([
      { ...base, coin: "BTC", t: 10, levels: [five, five.slice(0, 3)] },
      { ...base, coin: "BTC", t: 20, levels: null },
      { ...base, coin: "BTC", t: 30, levels: [five, five] },
      { ...base, coin: "ETH", t: 15, levels: null },
    ]);
    expect(repo.coverage()).toEqual([
      { coin: "BTC", snapshots: 3, withLevels: 2, from: 10, to: 30, minLevels: 3, maxLevels: 5 },
      { coin: "ETH", snapshots: 1, withLevels: 0, from: 15, to: 15, minLevels: null, maxLevels: null },
    ]);
  });
});

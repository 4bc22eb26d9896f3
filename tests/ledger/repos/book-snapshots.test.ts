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
});

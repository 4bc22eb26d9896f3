import { describe, expect, test } from "bun:test";
import { openLedger } from "../../../src/ledger/open.ts";
import { type AssetCtxRow, AssetCtxsRepo } from "../../../src/ledger/repos/asset-ctxs.ts";

const row = (coin: string, t: number, markPx: number): AssetCtxRow => ({
  coin,
  t,
  markPx,
  oraclePx: markPx - 1,
  midPx: null,
  funding: 0.0000125,
  openInterest: 1234.5,
  premium: null,
  dayNtlVlm: 1e9,
});

describe("AssetCtxsRepo", () => {
  test("inserts once per (coin, t), keeps the first value, reads ranges oldest first", () => {
    const repo = new AssetCtxsRepo(openLedger(":memory:"));
    expect(
      repo.insertMany([row("BTC", 2000, 105_000), row("BTC", 1000, 104_000), row("ETH", 1000, 2500)]),
    ).toBe(3);
    expect(repo.insertMany([row("BTC", 1000, 1), row("BTC", 3000, 106_000)])).toBe(1);
    const btc = repo.list("BTC");
    expect(btc.map((r) => [r.t, r.markPx])).toEqual([
      [1000, 104_000],
      [2000, 105_000],
      [3000, 106_000],
    ]);
    expect(btc[0]).toEqual(row("BTC", 1000, 104_000));
    expect(repo.list("BTC", 1500, 3000).map((r) => r.t)).toEqual([2000]);
    expect(repo.lastTime("BTC")).toBe(3000);
    expect(repo.lastTime("SOL")).toBeNull();
  });
});

// issue 12 §3: a run's data hash names the data, not the order its coins were listed in.
import { describe, expect, test } from "bun:test";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { loadReplayData } from "../../src/sim/backtest-data.ts";

const H = 3_600_000;

describe("loadReplayData", () => {
  test("issue 12 §3: the data hash does not depend on coin (or interval) order", () => {
    const db = openLedger(":memory:");
    const candles = new CandlesRepo(db);
    for (const [coin, px] of [
      ["BTC", 100],
      ["ETH", 10],
    ] as const) {
      for (const interval of ["1h", "4h"] as const) {
        const len = interval === "1h" ? H : 4 * H;
        candles.insertMany(
          coin,
          interval,
          Array.from({ length: 20 }, (_, i) => ({
            t: i * len,
            open: px,
            high: px + 1,
            low: px - 1,
            close: px + i,
            volume: 1,
          })),
        );
      }
      new FundingRepo(db).insertMany(coin, [{ eventT: H, rate: 0.0001 }]);
    }
    const load = (coins: string[], intervals: ("1h" | "4h")[]) =>
      loadReplayData(db, { coins, intervals, loadFrom: 0, to: 100 * H }).hash;
    const hash = load(["BTC", "ETH"], ["1h", "4h"]);
    expect(load(["ETH", "BTC"], ["1h", "4h"])).toBe(hash);
    expect(load(["ETH", "BTC"], ["4h", "1h"])).toBe(hash);
    expect(load(["BTC"], ["1h", "4h"])).not.toBe(hash); // other data, other hash
    db.close();
  });
});

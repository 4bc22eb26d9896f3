// issue 12 §3: a run's data hash names the data, not the order its coins were listed in.
import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { parseFundingFile } from "../../src/market/csv-files.ts";
import { fundingDigest, loadReplayData } from "../../src/sim/backtest-data.ts";
import { HL_DATA } from "../support/paths.ts";

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

  test("the chunked funding digest hashes the same bytes as one update per rate (stored runs' data hashes)", () => {
    // Real BTC funding, stored as the ledger stores it (hour-floored t), crossing many chunk edges.
    const db = openLedger(":memory:");
    const repo = new FundingRepo(db);
    repo.insertMany("BTC", parseFundingFile(join(HL_DATA, "BTC-funding-1h.csv.gz")));
    const rates = repo.list("BTC");
    expect(rates.length).toBeGreaterThan(10_000);
    for (const n of [0, 1, 2_979, rates.length]) {
      const slice = rates.slice(0, n);
      const perRate = createHash("sha256");
      for (const r of slice) perRate.update(`${r.t}:${r.rate};`);
      expect(fundingDigest(slice)).toBe(perRate.digest("hex"));
    }
    db.close();
  });
});

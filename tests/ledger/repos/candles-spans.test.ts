// The backtest's coin list and window come from primary-key seeks (CandlesRepo.coins / span) instead
// of scans of every candle; on real data they give exactly what the scans gave.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { openLedger } from "../../../src/ledger/open.ts";
import { CandlesRepo } from "../../../src/ledger/repos/candles.ts";
import { importDirectory } from "../../../src/market/importer.ts";
import { ledgerCoins } from "../../../src/sim/backtest-data.ts";
import { ledgerSpans } from "../../../src/sim/backtest-window.ts";
import { HL_DATA, scratchDir } from "../../support/paths.ts";

test("coins and spans by seeks equal DISTINCT and GROUP BY over the candles", async () => {
  const db = openLedger(join(scratchDir(), "spans.db"));
  expect(new CandlesRepo(db).coins()).toEqual([]);
  expect(new CandlesRepo(db).span("BTC", "1h")).toBeNull();
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC", "ETH", "HYPE", "kPEPE"]) });
  const coins = ledgerCoins(db);
  expect(coins).toEqual(
    (db.query("SELECT DISTINCT coin FROM candles ORDER BY coin").all() as { coin: string }[]).map(
      (r) => r.coin,
    ),
  );
  const asked = [...coins, "NOPE", "BTC"];
  const intervals = ["4h", "15m", "1h", "1h"] as const;
  const q = (n: number) => Array.from({ length: n }, () => "?").join(",");
  const scanned = db
    .query(
      `SELECT coin, interval, MIN(t) AS first, MAX(t) AS last FROM candles WHERE coin IN (${q(asked.length)}) AND interval IN (${q(intervals.length)}) GROUP BY coin, interval ORDER BY coin, interval`,
    )
    .all(...asked, ...intervals);
  expect(ledgerSpans(db, asked, [...intervals])).toEqual(scanned as never);
  db.close();
});

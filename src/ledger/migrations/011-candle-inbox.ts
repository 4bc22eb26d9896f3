/**
 * v11: the candle inbox — where the daemon's websocket sink writes the bars that just closed. At a
 * 4h close 600 series close at once; written into `candles` they dirty 600 leaves of its (coin,
 * interval, t) tree, and the commit writes one WAL frame per leaf (~10 ms in front of the tick). In
 * this small table the same bars fill about a dozen pages. The daemon folds the inbox into `candles`
 * at its next quiet moment (src/ledger/repos/candle-inbox.ts); a writer's open folds what a crash
 * left. Same columns and key as `candles`, so the fold is one INSERT … SELECT.
 */
export const sql = `
CREATE TABLE candles_inbox (
  coin TEXT NOT NULL,
  interval TEXT NOT NULL,
  t INTEGER NOT NULL,
  open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
  volume REAL NOT NULL,
  PRIMARY KEY (coin, interval, t)
) WITHOUT ROWID;
`;

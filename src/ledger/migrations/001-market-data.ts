/** v1: the market-data lake — candles, funding, asset contexts, top-of-book snapshots. */
export const sql = `
CREATE TABLE candles (
  coin TEXT NOT NULL,
  interval TEXT NOT NULL,
  t INTEGER NOT NULL,            -- bar open time, ms UTC
  open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL,
  volume REAL NOT NULL,          -- base-asset units
  PRIMARY KEY (coin, interval, t)
) WITHOUT ROWID;

CREATE TABLE funding (
  coin TEXT NOT NULL,
  t INTEGER NOT NULL,            -- funding hour (event time floored to the hour), ms UTC
  rate REAL NOT NULL,            -- per 1 hour, fraction; positive = longs pay shorts
  event_t INTEGER NOT NULL,      -- event time exactly as published
  PRIMARY KEY (coin, t)
) WITHOUT ROWID;

CREATE TABLE asset_ctxs (
  coin TEXT NOT NULL,
  t INTEGER NOT NULL,
  mark_px REAL NOT NULL,
  oracle_px REAL,
  mid_px REAL,
  funding REAL,                  -- current hourly rate
  open_interest REAL,
  premium REAL,
  day_ntl_vlm REAL,
  PRIMARY KEY (coin, t)
) WITHOUT ROWID;

CREATE TABLE book_snapshots (
  id INTEGER PRIMARY KEY,
  coin TEXT NOT NULL,
  t INTEGER NOT NULL,
  best_bid REAL NOT NULL,
  best_ask REAL NOT NULL,
  bid_sz REAL NOT NULL,
  ask_sz REAL NOT NULL,
  levels TEXT,                   -- JSON [[bids],[asks]] of [px, sz, n], optional
  UNIQUE (coin, t)
);
`;

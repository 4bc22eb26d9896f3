/**
 * v2: what the engine does — decisions (every candidate, shadow and live), positions with their
 * partial exits, exchange orders and fills, funding payments, equity snapshots, bot state.
 * run_id 0 is the daemon; a positive run_id is a backtest run.
 */
export const sql = `
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('shadow', 'live')),
  strategy TEXT NOT NULL,
  coin TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('long', 'short')),
  timeframe TEXT NOT NULL,
  candle_t INTEGER NOT NULL,     -- open time of the closed signal candle
  score_raw REAL NOT NULL,
  score REAL NOT NULL,           -- after the regime multiplier
  regime TEXT NOT NULL,
  session TEXT NOT NULL,
  vol_bucket TEXT NOT NULL,
  setup_key TEXT NOT NULL,
  entry_ref REAL NOT NULL,
  stop REAL NOT NULL,
  target REAL NOT NULL,
  features TEXT NOT NULL,        -- JSON of the features the strategy used
  verdict TEXT NOT NULL,         -- open | rejected | duplicate | candidate
  reasons TEXT NOT NULL DEFAULT '[]',
  sim_model_version TEXT NOT NULL,
  UNIQUE (run_id, mode, strategy, coin, timeframe, candle_t)
);
CREATE INDEX decisions_time ON decisions (run_id, created_at DESC);
CREATE INDEX decisions_setup ON decisions (setup_key);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL DEFAULT 0,
  decision_id INTEGER REFERENCES decisions (id),
  mode TEXT NOT NULL CHECK (mode IN ('shadow', 'live')),
  coin TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('long', 'short')),
  strategy TEXT NOT NULL,
  session TEXT NOT NULL,
  regime TEXT NOT NULL,
  vol_bucket TEXT NOT NULL,
  setup_key TEXT NOT NULL,
  sim_model_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at INTEGER NOT NULL,
  entry_px REAL NOT NULL,
  size REAL NOT NULL,            -- current open size, base units
  initial_size REAL NOT NULL,
  stop_px REAL NOT NULL,         -- current stop (moves to breakeven, trails)
  initial_stop_px REAL NOT NULL,
  target_px REAL NOT NULL,
  risk_usd REAL NOT NULL,        -- 1R in USDC at entry
  leverage REAL NOT NULL DEFAULT 1,
  liquidation_px REAL,
  partial_done INTEGER NOT NULL DEFAULT 0,
  trail_active INTEGER NOT NULL DEFAULT 0,
  best_px REAL NOT NULL,         -- most favourable price seen since entry
  closed_at INTEGER,
  exit_px REAL,                  -- size-weighted average of all exits
  exit_reason TEXT,
  gross_pnl REAL NOT NULL DEFAULT 0,
  fees REAL NOT NULL DEFAULT 0,
  slippage REAL NOT NULL DEFAULT 0,
  funding REAL NOT NULL DEFAULT 0, -- paid (+) or received (−), USDC
  net_pnl REAL NOT NULL DEFAULT 0,
  r_multiple REAL,
  external INTEGER NOT NULL DEFAULT 0, -- adopted from the exchange, not opened by hlbot
  updated_at INTEGER NOT NULL
);
CREATE INDEX positions_open ON positions (status, mode, run_id);
CREATE INDEX positions_closed ON positions (run_id, mode, closed_at);

CREATE TABLE position_exits (
  id INTEGER PRIMARY KEY,
  position_id INTEGER NOT NULL REFERENCES positions (id),
  t INTEGER NOT NULL,
  px REAL NOT NULL,
  size REAL NOT NULL,
  reason TEXT NOT NULL,          -- partial | stop | breakeven | trail | target | timeout | liquidation | kill | manual
  fee REAL NOT NULL DEFAULT 0,
  slippage REAL NOT NULL DEFAULT 0,
  pnl REAL NOT NULL DEFAULT 0
);
CREATE INDEX position_exits_position ON position_exits (position_id);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  cloid TEXT NOT NULL UNIQUE,    -- 0x + 32 hex, derived from the decision id and order role
  decision_id INTEGER REFERENCES decisions (id),
  position_id INTEGER REFERENCES positions (id),
  coin TEXT NOT NULL,
  is_buy INTEGER NOT NULL,
  role TEXT NOT NULL,            -- entry | stop | partial | exit | flatten
  reason TEXT,                   -- for exits: the exit reason (stop, target, trail, timeout, kill, …)
  order_type TEXT NOT NULL,      -- ioc | gtc | alo | trigger
  px TEXT NOT NULL,              -- exact wire decimal
  size TEXT NOT NULL,
  trigger_px TEXT,
  reduce_only INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,          -- intent | sent | resting | filled | canceled | rejected | unknown
  exchange_oid INTEGER,
  filled_size TEXT NOT NULL DEFAULT '0',
  avg_px TEXT,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX orders_status ON orders (status);

CREATE TABLE fills (
  tid INTEGER PRIMARY KEY,       -- exchange trade id
  oid INTEGER NOT NULL,
  cloid TEXT,
  coin TEXT NOT NULL,
  side TEXT NOT NULL,            -- B | A
  px TEXT NOT NULL,
  sz TEXT NOT NULL,
  fee TEXT NOT NULL,
  closed_pnl TEXT NOT NULL,
  t INTEGER NOT NULL,
  hash TEXT,
  position_id INTEGER REFERENCES positions (id)
);
CREATE INDEX fills_time ON fills (t);

CREATE TABLE funding_payments (
  coin TEXT NOT NULL,
  t INTEGER NOT NULL,
  usdc TEXT NOT NULL,            -- as reported; negative = paid
  szi TEXT NOT NULL,
  rate TEXT NOT NULL,
  PRIMARY KEY (coin, t)
) WITHOUT ROWID;

CREATE TABLE equity_snapshots (
  run_id INTEGER NOT NULL DEFAULT 0,
  mode TEXT NOT NULL,
  t INTEGER NOT NULL,
  equity REAL NOT NULL,
  peak REAL NOT NULL,
  drawdown REAL NOT NULL,        -- fraction below peak
  day_pnl REAL NOT NULL,
  open_positions INTEGER NOT NULL,
  PRIMARY KEY (run_id, mode, t)
) WITHOUT ROWID;

CREATE TABLE bot_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,           -- JSON
  updated_at INTEGER NOT NULL
);
`;

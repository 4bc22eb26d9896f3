/** v3: research — backtest runs, mining runs, per-bucket statistics, bucket states, promotion audit. */
export const sql = `
CREATE TABLE backtest_runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  kind TEXT NOT NULL DEFAULT 'single', -- single | walk_forward | sweep
  model TEXT NOT NULL,
  mode TEXT NOT NULL,
  params TEXT NOT NULL,          -- JSON: coins, strategies, window, overrides
  data_hash TEXT,
  code_version TEXT NOT NULL,
  summary TEXT                   -- JSON, set when finished
);

CREATE TABLE mining_runs (
  id INTEGER PRIMARY KEY,
  t INTEGER NOT NULL,
  sim_model_version TEXT NOT NULL,
  source_run_id INTEGER NOT NULL DEFAULT 0,
  n_trades INTEGER NOT NULL,
  n_buckets INTEGER NOT NULL,
  trades_sha256 TEXT NOT NULL,
  config_hash TEXT NOT NULL,
  code_version TEXT NOT NULL,
  seed INTEGER NOT NULL,
  params TEXT NOT NULL
);

CREATE TABLE bucket_stats (
  id INTEGER PRIMARY KEY,
  mining_run_id INTEGER NOT NULL REFERENCES mining_runs (id),
  bucket_key TEXT NOT NULL,      -- strategy|side|session|regime|vol_bucket
  strategy TEXT NOT NULL,
  side TEXT NOT NULL,
  session TEXT NOT NULL,
  regime TEXT NOT NULL,
  vol_bucket TEXT NOT NULL,
  n_raw INTEGER NOT NULL,
  n_dedup INTEGER NOT NULL,
  n_eff REAL NOT NULL,
  days INTEGER NOT NULL,
  mean_r REAL,
  sd_r REAL,
  skew REAL,
  kurtosis REAL,
  psr REAL,
  z REAL,
  p REAL,
  q REAL,
  shrunk_mean REAL,
  p_edge REAL,
  dsr REAL,
  oos_mean REAL,
  eligible INTEGER NOT NULL,
  stats TEXT NOT NULL,           -- JSON with every intermediate value
  UNIQUE (mining_run_id, bucket_key)
);

CREATE TABLE bucket_states (
  bucket_key TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('SHADOW', 'PROBATION', 'LIVE')),
  since INTEGER NOT NULL,
  monitor TEXT NOT NULL DEFAULT '{}', -- JSON: CUSUM/SPRT state, frozen mu/sigma, demotion time
  updated_at INTEGER NOT NULL
);

CREATE TABLE promotion_audit (
  id INTEGER PRIMARY KEY,
  promote_run_id TEXT NOT NULL,
  mining_run_id INTEGER NOT NULL REFERENCES mining_runs (id),
  t INTEGER NOT NULL,
  bucket_key TEXT NOT NULL,
  prev_state TEXT NOT NULL,
  new_state TEXT NOT NULL,
  reasons TEXT NOT NULL,         -- JSON array of reason codes
  inputs TEXT NOT NULL           -- JSON: every input needed to replay the decision
);
CREATE INDEX promotion_audit_bucket ON promotion_audit (bucket_key, t);
`;

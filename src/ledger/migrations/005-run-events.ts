/**
 * v5: the events of a backtest run (kill switch with the drawdown that tripped it, its replay reset,
 * daily halts, ruin, liquidations, data gaps — each with the live candidates it refused), and the
 * command line a run was started with (the run browser shows it). The run's figures, coverage and
 * events also travel in backtest_runs.summary (a RunSummary, JSON).
 */
export const sql = `
CREATE TABLE run_events (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES backtest_runs (id),
  t INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- kill_switch | kill_switch_reset | daily_halt | ruin | data_gap | liquidation
  mode TEXT CHECK (mode IN ('shadow', 'live')),  -- NULL for data events
  coin TEXT,
  detail TEXT NOT NULL,
  value REAL,                    -- drawdown % | day's loss % | equity | R | missing bars
  rejected_candidates INTEGER NOT NULL DEFAULT 0,
  ended_at INTEGER
);
CREATE INDEX run_events_run ON run_events (run_id, t);

ALTER TABLE backtest_runs ADD COLUMN command TEXT;
`;

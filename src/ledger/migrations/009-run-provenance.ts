/**
 * v9: what it takes to reproduce a run — the full effective config (secrets redacted), the binary's
 * version and git commit apart, the argv it was started with, the coverage of the data it read, and
 * the engine inputs that are not config (signal coins, window, warm-up, kill-switch rule, the
 * promoted buckets of that moment). Daemon sessions (`hlbot trade`, `hlbot demo`) get a row too,
 * kind `trade` | `demo`; their decisions stay run_id 0 and are never deleted.
 */
export const sql = `
ALTER TABLE backtest_runs ADD COLUMN config TEXT;
ALTER TABLE backtest_runs ADD COLUMN version TEXT;
ALTER TABLE backtest_runs ADD COLUMN git_commit TEXT;
ALTER TABLE backtest_runs ADD COLUMN argv TEXT;
ALTER TABLE backtest_runs ADD COLUMN coverage TEXT;
ALTER TABLE backtest_runs ADD COLUMN inputs TEXT;
`;

/**
 * v10: drops two decision indexes no query needs, each a b-tree every decision insert paid for (a
 * stored backtest writes ~22k decisions). decisions_time (run_id, created_at DESC) repeats
 * decisions_feed (run_id, created_at): SQLite scans an index either way, so the feed's newest-first
 * pages are served by decisions_feed alone. decisions_setup (setup_key) is read by no query.
 */
export const sql = `
DROP INDEX IF EXISTS decisions_time;
DROP INDEX IF EXISTS decisions_setup;
`;

/**
 * v4: indexes for the read side (API, dashboard, `hlbot status`). The decision feed pages newest
 * first by (created_at, id) — an index scanned backwards serves it with no sort, optionally narrowed
 * to one coin or strategy; a decision finds its position, and a bucket its latest statistics,
 * without a table scan.
 */
export const sql = `
CREATE INDEX decisions_feed ON decisions (run_id, created_at);
CREATE INDEX decisions_feed_coin ON decisions (run_id, coin, created_at);
CREATE INDEX decisions_feed_strategy ON decisions (run_id, strategy, created_at);
CREATE INDEX positions_decision ON positions (decision_id);
CREATE INDEX bucket_stats_bucket ON bucket_stats (bucket_key, mining_run_id);
`;

/**
 * Prediction-market snapshots (src/regime-sources/): every price the regime source received, keyed
 * by the time hlbot RECEIVED it — a replay at time t may use a row only when its t ≤ the replay time.
 */
export const sql = `
CREATE TABLE prediction_snapshots (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,           -- polymarket
  market TEXT NOT NULL,           -- the configured market slug
  outcome TEXT NOT NULL,          -- the outcome whose price this is
  t INTEGER NOT NULL,             -- ms UTC when hlbot received the price
  probability REAL NOT NULL,      -- the outcome's price, in [0, 1]
  source_t INTEGER,               -- the source's own update time of the market, when it sent one
  closed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source, market, outcome, t)
);
`;

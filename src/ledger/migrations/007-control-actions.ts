/**
 * v7 (control channel): the audit of every `hlbot ctl` action a daemon received over its control
 * socket — recorded BEFORE the action runs (result filled in after), so nothing is done unrecorded.
 * `client_uid`/`client_pid` are what the client reported (the socket itself is owner-only, mode 0600).
 */
export const sql = `
CREATE TABLE control_actions (
  id INTEGER PRIMARY KEY,
  t INTEGER NOT NULL,
  action TEXT NOT NULL,
  args TEXT NOT NULL,
  ok INTEGER,
  result TEXT,
  finished_at INTEGER,
  client_uid INTEGER,
  client_pid INTEGER
);
CREATE INDEX control_actions_t ON control_actions (t);
`;

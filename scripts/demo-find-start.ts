/**
 * How the demo's default --from was chosen (docs/demo.md): the bundled sample goes into a scratch
 * ledger, one backtest over the whole replay window (shadow + live path, every bucket admitted, as the
 * demo's candidates do) lists the times the live path entered, and for each a FRESH backtest starting
 * `--lead` minutes earlier (as the demo starts: no open position, features warmed from history) shows
 * what the dashboard would hold `--window` minutes after the start: open live and shadow positions,
 * closed trades. At 60× a minute of replay is a second of wall time.
 *
 *   bun scripts/demo-find-start.ts [--lead 20] [--window 45]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigSchema } from "../src/config/schema.ts";
import { DAY_MS, MINUTE_MS } from "../src/core/clock.ts";
import { preloadHistory } from "../src/demo/preload.ts";
import { embeddedSample, SAMPLE_END, SAMPLE_REPLAY_FROM } from "../src/demo/sample.ts";
import { coinsToLoad, createSignalSource, signalIntervals } from "../src/engine/signal-source.ts";
import { openLedger } from "../src/ledger/open.ts";
import { configureLogger } from "../src/log.ts";
import { runBacktest } from "../src/sim/backtest.ts";

const { values } = parseArgs({
  options: { lead: { type: "string", default: "20" }, window: { type: "string", default: "45" } },
});
const lead = Number(values.lead) * MINUTE_MS;
const window = Number(values.window) * MINUTE_MS;

configureLogger({ level: "error" });
const config = ConfigSchema.parse({});
const db = openLedger(join(mkdtempSync(join(tmpdir(), "hlbot-demo-start-")), "sample.db"));
preloadHistory(db, embeddedSample(), config.engine, SAMPLE_END);

const backtest = (from: number, to: number): number =>
  runBacktest(db, {
    config,
    model: config.friction.model,
    coins: coinsToLoad(config, config.engine.coins),
    intervals: signalIntervals(config, null),
    from,
    to,
    warmupMs: config.engine.history_bars * 4 * 3_600_000,
    mode: "live",
    ignoreCandidates: true,
    signals: createSignalSource(config, null, config.engine.coins),
    store: true,
  }).runId!;

const count = (sql: string, runId: number, at: number) => (db.query(sql).get(runId, at) as { n: number }).n;
const OPEN = "opened_at <= ?2 AND (closed_at IS NULL OR closed_at > ?2)";

// A start must leave two weeks of the sample to replay.
const all = backtest(SAMPLE_REPLAY_FROM, SAMPLE_END - 14 * DAY_MS);
const entries = db
  .query("SELECT DISTINCT opened_at AS t FROM positions WHERE run_id = ?1 AND mode = 'live' ORDER BY t")
  .all(all) as { t: number }[];
console.log(
  `start (UTC)       | at start + ${values.window} min: live open, shadow open, closed | first close`,
);
for (const { t } of entries) {
  const start = t - lead;
  if (start < SAMPLE_REPLAY_FROM) continue;
  const run = backtest(start, start + 3 * 3_600_000);
  const at = start + window;
  const live = count(
    `SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND mode = 'live' AND ${OPEN}`,
    run,
    at,
  );
  const shadow = count(
    `SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND mode = 'shadow' AND ${OPEN}`,
    run,
    at,
  );
  const closed = count("SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND closed_at <= ?2", run, at);
  const first = (
    db.query("SELECT MIN(closed_at) AS t FROM positions WHERE run_id = ?1").get(run) as { t: number }
  ).t;
  const ok = live > 0 && shadow > 0 && closed > 0 ? "  <- every panel" : "";
  console.log(
    `${new Date(start).toISOString().slice(0, 16)} |  ${live} ${shadow} ${closed} | ${(first - start) / MINUTE_MS} min${ok}`,
  );
}
db.close();

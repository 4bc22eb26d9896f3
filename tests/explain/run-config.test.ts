// explain uses the thresholds the run was decided with: a run that stored its config is rebuilt
// with it even when the current config has changed since; a run that stored only its window is
// rebuilt with the current config, says so, and a changed threshold shows up as a difference.

import { beforeAll, describe, expect, test } from "bun:test";
import { ConfigSchema } from "../../src/config/schema.ts";
import { explainIds } from "../../src/explain/explain.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { backtest, FROM, realLedger, testConfig } from "./support.ts";

let path = "";
let dir = "";
const window = { from: FROM, to: Date.parse("2025-01-15T00:00Z") };

beforeAll(async () => {
  ({ dir, path } = await realLedger());
}, 120_000);

/** The run's config: live gate at 75 (the default is 60). */
function strictConfig() {
  const base = testConfig(dir);
  return ConfigSchema.parse({ ...base, live: { ...base.live, min_score: 75 } });
}

function liveIds(runId: number): number[] {
  const db = openLedger(path);
  const rows = db.query("SELECT id FROM decisions WHERE run_id = ?1 AND mode = 'live'").all(runId) as {
    id: number;
  }[];
  db.close();
  return rows.map((r) => r.id);
}

describe("explain and the run's config", () => {
  test("a run that stored its config is explained with it, not with today's", () => {
    const db = openLedger(path);
    const config = strictConfig();
    const run = backtest(db, config, { ...window, params: { config } });
    const ids = liveIds(run);
    expect(ids.length).toBeGreaterThan(10);
    const out = explainIds(db, ids, testConfig(dir));
    db.close();
    expect(out.flatMap((e) => e.mismatches)).toEqual([]);
    expect(out[0]!.config.source).toBe("run");
    const gated = out.filter((e) => e.rebuilt?.reasons.some((r) => r.reason === "score_below_threshold"));
    expect(gated.length, "refused by the stored 75 threshold").toBeGreaterThan(0);
    for (const e of gated) expect(e.rebuilt!.gate!.minScore).toBe(75);
  });

  test("a run that stored only its window uses the current config and names what came from it", () => {
    const db = openLedger(path);
    const run = backtest(db, strictConfig(), window);
    // A run from before provenance was stored (v9): only its window and coins.
    db.run("UPDATE backtest_runs SET config = NULL, inputs = NULL WHERE id = ?1", [run]);
    const out = explainIds(db, liveIds(run), testConfig(dir));
    db.close();
    expect(out[0]!.config.source).toBe("run+current");
    expect(out[0]!.config.fromCurrent).toContain("live");
    expect(out[0]!.config.note).toMatch(/current config/);
    // Today's 60 lets through what the run's 75 refused: those verdicts no longer reproduce.
    const differ = out.filter((e) =>
      e.mismatches.some((m) => m.startsWith("verdict") || m.startsWith("reasons")),
    );
    expect(differ.length).toBeGreaterThan(0);
  });
});

describe("explain reads the provenance columns of ledgers at v9 (backtest_runs.config, .inputs)", () => {
  test("the config column is used, secrets in it redacted or not", () => {
    const db = openLedger(path);
    const config = strictConfig();
    const run = backtest(db, config, window);
    const cols = (db.query("PRAGMA table_info(backtest_runs)").all() as { name: string }[]).map(
      (c) => c.name,
    );
    if (!cols.includes("config")) db.run("ALTER TABLE backtest_runs ADD COLUMN config TEXT");
    if (!cols.includes("inputs")) db.run("ALTER TABLE backtest_runs ADD COLUMN inputs TEXT");
    const stored = { ...config, api: { ...config.api, token: "<redacted>" } };
    db.run("UPDATE backtest_runs SET config = ?2, inputs = ?3 WHERE id = ?1", [
      run,
      JSON.stringify(stored),
      JSON.stringify({ warmupMs: null, promoted: null }),
    ]);
    const out = explainIds(db, liveIds(run), testConfig(dir));
    db.close();
    expect(out[0]!.config.source).toBe("run");
    expect(out.flatMap((e) => e.mismatches)).toEqual([]);
  });
});

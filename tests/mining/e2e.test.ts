// End to end on real data, as a user runs it: import real Hyperliquid candles → `hlbot backtest --model
// v4` (shadow) → `hlbot mine --run-id N` → `hlbot promote --run-id N` → config/live_candidates.json →
// `hlbot backtest --mode live`, whose live path goes through the engine's live gate, which reads the file.
import { Database } from "bun:sqlite";
import { beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LiveCandidatesFile } from "../../src/core/live-candidates.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";
import { hlbot } from "./support/cli.ts";

const COINS = "ETH,SOL";
const WINDOW = ["--from", "2024-11-01", "--to", "2025-07-25"];
const dir = scratchDir("hlbot-e2e-");
const db = join(dir, "e2e.db");
let shadowRun = 0;

function query<T>(sql: string, ...params: (string | number)[]): T[] {
  const ledger = new Database(db, { readonly: true, strict: true });
  try {
    return ledger.query(sql).all(...params) as T[];
  } finally {
    ledger.close();
  }
}

const candidates = (): LiveCandidatesFile =>
  JSON.parse(readFileSync(join(dir, "config", "live_candidates.json"), "utf8"));

/** Runs the live-path backtest and returns its live positions' buckets and live decisions' reasons. */
async function liveBacktest() {
  const r = await hlbot(dir, [
    "backtest",
    "--db",
    db,
    "--research-db", // mined and promoted from the same ledger
    db,
    "--model",
    "v4",
    "--coins",
    COINS,
    ...WINDOW,
    "--mode",
    "live",
    "--json",
  ]);
  expect(r.code).toBe(0);
  const run = JSON.parse(r.out).runId as number;
  const positions = query<{ key: string }>(
    "SELECT strategy || '|' || side || '|' || session || '|' || regime || '|' || vol_bucket AS key FROM positions WHERE run_id = ?1 AND mode = 'live'",
    run,
  );
  const decisions = query<{ key: string; reasons: string }>(
    "SELECT strategy || '|' || side || '|' || session || '|' || regime || '|' || vol_bucket AS key, reasons FROM decisions WHERE run_id = ?1 AND mode = 'live'",
    run,
  );
  return { positions, decisions };
}

beforeAll(async () => {
  for (const coin of COINS.split(",")) {
    for (const f of [
      `${coin}-15m.csv.gz`,
      `${coin}-1h.csv.gz`,
      `${coin}-4h.csv.gz`,
      `${coin}-funding-1h.csv.gz`,
    ]) {
      copyFileSync(join(HL_DATA, f), join(dir, f));
    }
  }
  expect((await hlbot(dir, ["import", "--dir", dir, "--db", db])).code).toBe(0);
  const bt = await hlbot(dir, [
    "backtest",
    "--db",
    db,
    "--research-db", // mined and promoted from the same ledger
    db,
    "--model",
    "v4",
    "--coins",
    COINS,
    ...WINDOW,
    "--json",
  ]);
  expect(bt.code).toBe(0);
  shadowRun = JSON.parse(bt.out).runId;
}, 120_000);

describe("real data: v4 shadow backtest → mine → promote → live gate", () => {
  test("the default gate evaluates every bucket of the backtest run and the live gate trades only what it promoted", async () => {
    const trades = query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1 AND mode = 'shadow' AND status = 'closed'",
      shadowRun,
    )[0]!.n;
    expect(trades).toBeGreaterThan(300);
    const mined = await hlbot(dir, ["mine", "--db", db, "--run-id", String(shadowRun), "--json"]);
    expect(mined.code).toBe(0);
    const m = JSON.parse(mined.out);
    expect(m.nTrades).toBe(trades);
    expect(m.source).toEqual({ model: "v4", runId: shadowRun });
    expect(m.buckets.length).toBeGreaterThan(20);
    const promoted = await hlbot(dir, ["promote", "--db", db, "--run-id", String(shadowRun), "--json"]);
    expect([0, 3]).toContain(promoted.code);
    const file = candidates();
    expect(file.mining_run_id).toBe(m.miningRunId);
    expect(file.sim_model_version).toBe("v4");
    const allowed = new Set(file.buckets.map((b) => b.key));
    const live = await liveBacktest();
    expect(live.decisions.length).toBeGreaterThan(50);
    for (const p of live.positions) expect(allowed.has(p.key)).toBe(true);
    for (const d of live.decisions) {
      if (!allowed.has(d.key)) expect(JSON.parse(d.reasons)).toContain("bucket_not_promoted");
    }
  }, 120_000);

  test("with a deliberately loose gate some real buckets are promoted, and only they trade live", async () => {
    const loose = {
      HLBOT_MINING__MIN_N_EFF: "5",
      HLBOT_MINING__MIN_DAYS: "3",
      HLBOT_MINING__MIN_SPAN_DAYS: "3",
      HLBOT_MINING__MIN_EDGE_R: "0",
      HLBOT_MINING__PROBATION_MAX_Q: "0.999",
      HLBOT_MINING__PROBATION_MIN_P_EDGE: "0.5",
    };
    expect((await hlbot(dir, ["mine", "--db", db, "--run-id", String(shadowRun)], loose)).code).toBe(0);
    const promoted = await hlbot(dir, ["promote", "--db", db, "--run-id", String(shadowRun)], loose);
    expect(promoted.code).toBe(0);
    const file = candidates();
    expect(file.buckets.length).toBeGreaterThan(0);
    expect(file.buckets.every((b) => b.state === "PROBATION" && b.size_multiplier === 0.25)).toBe(true);
    const allowed = new Set(file.buckets.map((b) => b.key));
    const live = await liveBacktest();
    expect(live.positions.length).toBeGreaterThan(0);
    for (const p of live.positions) expect(allowed.has(p.key)).toBe(true);
    const audit = query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM promotion_audit WHERE new_state = 'PROBATION' AND prev_state = 'SHADOW'",
    )[0]!.n;
    expect(audit).toBe(file.buckets.length);
  }, 120_000);
});

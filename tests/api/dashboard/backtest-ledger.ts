/**
 * A ledger holding REAL backtest runs: real Hyperliquid candles and funding imported with
 * `hlbot import`, then `hlbot backtest` twice — a shadow-only week, and three weeks with the shadow
 * and the live path (every bucket allowed) — plus, optionally, the row of a killed run (started,
 * never finished), as a replay stopped by kill -9 leaves it.
 */
import { join } from "node:path";
import { openLedger } from "../../../src/ledger/open.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../../support/paths.ts";

export interface BacktestLedger {
  path: string;
  /** The three-week shadow + live run. */
  runId: number;
  /** The shadow-only run. */
  shadowRunId: number;
  /** The killed run's id (no finished_at), when asked for. */
  killedRunId: number | null;
}

const COINS = "BTC,ETH,SOL,DOGE";

function hlbot(args: string[], cwd: string): string {
  const proc = Bun.spawnSync(["bun", join(REPO_ROOT, "src", "main.ts"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "" },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (proc.exitCode !== 0) {
    throw new Error(`hlbot ${args[0]} exited ${proc.exitCode}: ${proc.stderr.toString().slice(0, 2000)}`);
  }
  return proc.stdout.toString();
}

function backtest(path: string, dir: string, extra: string[]): number {
  // The dashboard serves this one ledger: the runs are stored in it, not in a research ledger beside it.
  const out = hlbot(
    ["backtest", "--db", path, "--research-db", path, "--coins", COINS, ...extra, "--json"],
    dir,
  );
  return (JSON.parse(out) as { runId: number }).runId;
}

export function buildBacktestLedger(options: { killed?: boolean } = {}): BacktestLedger {
  const dir = scratchDir("hlbot-dash-bt-");
  const path = join(dir, "ledger.db");
  hlbot(["import", "--dir", HL_DATA, "--coins", COINS, "--db", path, "--json"], dir);
  const shadowRunId = backtest(path, dir, ["--from", "2025-07-12", "--to", "2025-07-19", "--mode", "shadow"]);
  const runId = backtest(path, dir, [
    "--from",
    "2025-07-05",
    "--to",
    "2025-07-26",
    "--mode",
    "live",
    "--ignore-candidates",
  ]);
  let killedRunId: number | null = null;
  if (options.killed) {
    const db = openLedger(path);
    const row = db
      .query(
        "INSERT INTO backtest_runs (started_at, kind, model, mode, params, data_hash, code_version) VALUES (?1, 'single', 'v4', 'live', ?2, 'h', 'test') RETURNING id",
      )
      .get(
        Date.now(),
        JSON.stringify({ coins: COINS.split(","), from: Date.UTC(2025, 6, 1), to: Date.UTC(2025, 6, 20) }),
      ) as {
      id: number;
    };
    killedRunId = row.id;
    db.close();
  }
  return { path, runId, shadowRunId, killedRunId };
}

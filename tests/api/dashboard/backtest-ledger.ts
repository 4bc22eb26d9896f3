/**
 * A ledger holding a REAL backtest run: real Hyperliquid candles and funding imported with
 * `hlbot import`, then `hlbot backtest` (shadow + live path, every bucket allowed) over three weeks.
 */
import { join } from "node:path";
import { HL_DATA, REPO_ROOT, scratchDir } from "../../support/paths.ts";

export interface BacktestLedger {
  path: string;
  runId: number;
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

export function buildBacktestLedger(): BacktestLedger {
  const dir = scratchDir("hlbot-dash-bt-");
  const path = join(dir, "ledger.db");
  hlbot(["import", "--dir", HL_DATA, "--coins", COINS, "--db", path, "--json"], dir);
  const out = hlbot(
    [
      "backtest",
      "--db",
      path,
      "--coins",
      COINS,
      "--from",
      "2025-07-05",
      "--to",
      "2025-07-26",
      "--mode",
      "live",
      "--ignore-candidates",
      "--json",
    ],
    dir,
  );
  const { runId } = JSON.parse(out) as { runId: number };
  return { path, runId };
}

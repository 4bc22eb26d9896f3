/**
 * A real-data ledger with one stored backtest run (shadow and live paths) for the explain and compare
 * tests: BTC, ETH and SOL from ../shared/data, a five-month window, every bucket allowed on live
 * (--ignore-candidates) so the live gate both opens and refuses.
 */
import type { Database } from "bun:sqlite";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Config } from "../../src/config/schema.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { HL_DATA, REPO_ROOT, scratchDir } from "../support/paths.ts";

export const FROM = Date.parse("2024-12-01T00:00Z");
export const TO = Date.parse("2025-05-01T00:00Z");
export const COINS = ["BTC", "ETH", "SOL"];

export async function realLedger(): Promise<{ dir: string; path: string }> {
  const dir = scratchDir("hlbot-explain-");
  const path = join(dir, "ledger.db");
  const db = openLedger(path);
  await importDirectory(db, HL_DATA, { coins: new Set(COINS) });
  db.close();
  return { dir, path };
}

export function testConfig(dir: string): Config {
  return loadConfig({ cwd: dir, env: {} }).config;
}

/** Runs and stores a backtest over the test window; returns its run id. */
export function backtest(
  db: Database,
  config: Config,
  opts: { from?: number; to?: number; params?: Record<string, unknown> } = {},
): number {
  const r = runBacktest(db, {
    config,
    model: "v4",
    coins: coinsToLoad(config, COINS),
    intervals: signalIntervals(config, null),
    from: opts.from ?? FROM,
    to: opts.to ?? TO,
    warmupMs: warmupMs(config, null),
    mode: "both",
    ignoreCandidates: true,
    signals: createSignalSource(config, null, COINS),
    store: true,
    params: { strategies: null, ...opts.params },
  });
  return r.runId!;
}

/** `hlbot ARGS --db LEDGER` as a user runs it (`bun src/main.ts`) in `cwd`, with only PATH and `env` set. */
export async function hlbotCli(
  cwd: string,
  ledger: string,
  args: string[],
  env: Record<string, string> = {},
) {
  const proc = Bun.spawn([process.execPath, join(REPO_ROOT, "src", "main.ts"), ...args, "--db", ledger], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { out, err, code };
}

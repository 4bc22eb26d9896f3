/** A scratch ledger and config for mining tests, plus day-by-day trade feeding. */
import type { Database } from "bun:sqlite";
import { join } from "node:path";
import { type LoadedConfig, loadConfig } from "../../../src/config/loader.ts";
import type { Config } from "../../../src/config/schema.ts";
import { DAY_MS } from "../../../src/core/clock.ts";
import { openLedger } from "../../../src/ledger/open.ts";
import { scratchDir } from "../../support/paths.ts";
import { type BucketSpec, insertShadowTrades, syntheticTrades } from "./synthetic.ts";

export interface MiningFixture {
  dir: string;
  config: Config;
  db: Database;
  /** Inserts the specs' trades for [from, to) (days since T0). */
  feed(
    specs: readonly BucketSpec[],
    fromDay: number,
    toDay: number,
    seed: number,
    model?: string,
    runId?: number,
  ): number;
}

/** 2025-01-01 00:00 UTC: day 0 of the fixtures. */
export const T0 = Date.UTC(2025, 0, 1);

export function miningFixture(overrides: Partial<Config["mining"]> = {}): MiningFixture {
  const dir = scratchDir("hlbot-mining-");
  const loaded: LoadedConfig = loadConfig({ cwd: dir, env: {} });
  const config = loaded.config;
  config.ledger.path = join(dir, "hlbot.db");
  config.live.candidates_path = join(dir, "config", "live_candidates.json");
  Object.assign(config.mining, overrides);
  const db = openLedger(config.ledger.path);
  return {
    dir,
    config,
    db,
    feed: (specs, fromDay, toDay, seed, model = "v4", runId = 0) =>
      insertShadowTrades(
        db,
        syntheticTrades(specs, T0 + fromDay * DAY_MS, T0 + toDay * DAY_MS, seed),
        model,
        runId,
      ),
  };
}

/** A strategy's buckets: the first with `edge`, the others with the given edges. */
export function specs(strategy: string, edges: readonly number[], tradesPerDay = 6): BucketSpec[] {
  const sessions = ["asia", "europe", "us", "asia", "europe", "us"];
  return edges.map((edge, i) => ({
    bucket: [strategy, i % 2 ? "short" : "long", sessions[i % 6]!, i < 3 ? "Long" : "Neutral", "mid"],
    edge,
    tradesPerDay,
  }));
}

export const keyOf = (s: BucketSpec): string => s.bucket.join("|");

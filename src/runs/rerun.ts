/**
 * `hlbot backtest --rerun N`: run N again from what it stored — its effective config (the redacted
 * keys taken from today's config; none changes a backtest), its engine inputs and the promoted
 * buckets it traded — over the same data. Refused (RerunRefusedError, exit 2) when the ledger's data
 * for that window no longer hashes the same, or the binary is another version, unless forced; the
 * caller prints what was forced.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import { ConfigSchema } from "../config/schema.ts";
import type { Interval } from "../core/intervals.ts";
import type { LiveCandidate } from "../core/live-candidates.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { createSignalSource } from "../engine/signal-source.ts";
import { type BacktestRequest, backtestDataRequest } from "../sim/backtest.ts";
import { loadReplayData } from "../sim/backtest-data.ts";
import { ledgerDepthSlippage } from "../sim/depth/ledger-depth.ts";
import { getModel, resolveModel } from "../sim/models/index.ts";
import { RerunRefusedError } from "./errors.ts";
import { unredact } from "./redact.ts";
import { getRun, type StoredRun } from "./run-row.ts";

export interface RerunPlan {
  run: StoredRun;
  /** The request that reproduces the run (store it with your own command and argv). */
  request: Omit<BacktestRequest, "command" | "provenance" | "onProgress">;
  signalCoins: string[];
  /** What --force let through (empty when nothing had to be forced). */
  forced: string[];
}

/** The binary as a run stores it. */
const binary = (version: string | null, commit: string | null) =>
  `${version ?? "?"} (commit ${commit ?? "?"})`;

export function planRerun(
  db: Database,
  id: number,
  ledger: string,
  current: Config,
  options: { force: boolean },
): RerunPlan {
  const run = getRun(db, id, ledger);
  if (run.kind !== "single")
    throw new RerunRefusedError(
      `--rerun ${id}: run ${id} is a ${run.kind} run; only single backtests are rerun`,
    );
  if (!run.inputs || !run.config)
    throw new RerunRefusedError(
      `--rerun ${id}: run ${id} stores no config or engine inputs (stored by an older hlbot, or not from the CLI); it cannot be reproduced`,
    );
  // The venue, API, alerts and file locations are today's: none changes what a backtest computes,
  // and they are where redacted values (tokens, URL credentials) sit.
  const stored = unredact(run.config, current) as Record<string, unknown>;
  const parsed = ConfigSchema.safeParse({
    ...stored,
    hyperliquid: current.hyperliquid,
    api: current.api,
    alerts: current.alerts,
    ledger: current.ledger,
  });
  if (!parsed.success)
    throw new RerunRefusedError(
      `--rerun ${id}: the config run ${id} stored does not validate with this hlbot: ${parsed.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  const config = parsed.data;
  config.live = { ...config.live, candidates_path: current.live.candidates_path };

  const forced: string[] = [];
  const refuse = (why: string) => {
    if (!options.force) throw new RerunRefusedError(`--rerun ${id}: ${why} (--force reruns anyway)`);
    forced.push(why);
  };
  if (run.version !== VERSION || run.commit !== COMMIT)
    refuse(
      `run ${id} was made by hlbot ${binary(run.version, run.commit)}, this is ${binary(VERSION, COMMIT)}`,
    );

  const inputs = run.inputs;
  const intervals = inputs.intervals as Interval[];
  const data = loadReplayData(db, backtestDataRequest({ ...inputs, intervals }));
  const model = resolveModel(getModel(inputs.model), config.friction, config.exits);
  const depth = ledgerDepthSlippage(db, model, inputs.coins, inputs.to);
  const hash = depth ? `${data.hash}+${depth.digest}` : data.hash;
  if (hash !== run.dataHash)
    refuse(
      `the ledger's data for run ${id}'s window hashes ${hash}, the run read ${run.dataHash ?? "(no hash stored)"}: candles or funding changed since`,
    );

  const request: RerunPlan["request"] = {
    config,
    model: inputs.model,
    coins: inputs.coins,
    intervals,
    from: inputs.from,
    to: inputs.to,
    warmupMs: inputs.warmupMs,
    mode: inputs.mode,
    ignoreCandidates: inputs.ignoreCandidates,
    signals: createSignalSource(config, inputs.strategies, inputs.signalCoins),
    strategies: inputs.strategies,
    store: true,
    kind: "single",
    params: { strategies: inputs.strategies, rerunOf: id },
    killSwitch: inputs.killSwitch,
    warnings: inputs.warnings,
    ...(inputs.promoted ? { promoted: new Map(inputs.promoted as [string, LiveCandidate][]) } : {}),
    ...(inputs.promotedFrom !== null ? { promotedFrom: inputs.promotedFrom } : {}),
    data,
  };
  return { run, request, signalCoins: inputs.signalCoins, forced };
}

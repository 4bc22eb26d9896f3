/**
 * A daemon session (`hlbot trade`, `hlbot demo`) as a run: a backtest_runs row of kind trade|demo in
 * the main ledger, opened at start with the effective config (secrets redacted), binary and argv,
 * and closed at a clean stop with the hash and coverage of the data the session's coins saw in its
 * window. Its decisions and trades stay the daemon's (run 0): the row only says when which binary
 * with which config ran; a session that crashed stays unfinished.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import { coinsToLoad, signalIntervals } from "../engine/signal-source.ts";
import { BacktestRunsRepo } from "../ledger/repos/backtest-runs.ts";
import { getModel, resolveModel } from "../sim/models/index.ts";
import { cliArgv, recordProvenance } from "./provenance.ts";
import { recordRunData } from "./run-data.ts";

export interface DaemonSessionRun {
  id: number;
  startedAt: number;
}

const commandLine = (argv: readonly string[]) =>
  argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(" ");

export function startDaemonSession(
  db: Database,
  o: { config: Config; kind: "trade" | "demo"; live: boolean; clock: Clock },
): DaemonSessionRun {
  const startedAt = o.clock.now();
  const argv = cliArgv();
  const id = new BacktestRunsRepo(db).create({
    startedAt,
    kind: o.kind,
    model: resolveModel(getModel(o.config.friction.model), o.config.friction, o.config.exits).version,
    mode: o.live ? "both" : "shadow",
    params: { coins: o.config.engine.coins, live: o.live },
    dataHash: "",
    codeVersion: `${VERSION}+${COMMIT}`,
    command: commandLine(argv),
  });
  recordProvenance(db, id, { config: o.config, argv, inputs: null });
  return { id, startedAt };
}

/** Closes the session's row: finished now, with the data its window saw and a small summary. */
export function finishDaemonSession(
  db: Database,
  run: DaemonSessionRun,
  o: { config: Config; clock: Clock; summary: Record<string, unknown> },
): void {
  const to = Math.max(run.startedAt, o.clock.now());
  const { config } = o;
  recordRunData(db, run.id, config, {
    model: config.friction.model,
    coins: coinsToLoad(config, config.engine.coins),
    intervals: signalIntervals(config, null),
    from: run.startedAt,
    to,
    warmupMs: 0,
  });
  new BacktestRunsRepo(db).complete(run.id, to, o.summary);
}

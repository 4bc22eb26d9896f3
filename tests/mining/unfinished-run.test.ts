import { describe, expect, test } from "bun:test";
import { DAY_MS, ManualClock } from "../../src/core/clock.ts";
import { BacktestRunsRepo } from "../../src/ledger/repos/backtest-runs.ts";
import { runMining } from "../../src/mining/mine.ts";
import { runPromotion } from "../../src/mining/promote.ts";
import { UnfinishedRunError } from "../../src/mining/unfinished-run.ts";
import { hlbot } from "./support/cli.ts";
import { type MiningFixture, miningFixture, specs, T0 } from "./support/ledger.ts";

const clock = new ManualClock(T0 + 41 * DAY_MS);

/** A backtest run row as `hlbot backtest` creates it at its start; trades of it fed for 40 days. */
function backtestRun(fx: MiningFixture, finished: boolean): number {
  const runs = new BacktestRunsRepo(fx.db);
  const id = runs.create({
    startedAt: T0 + 40 * DAY_MS,
    kind: "single",
    model: "v4",
    mode: "shadow",
    params: {},
    dataHash: "x",
    codeVersion: "test",
  });
  fx.feed(specs("momentum", [0.8, 0, 0, 0]), 0, 40, 11, "v4", id);
  if (finished) runs.complete(id, T0 + 40 * DAY_MS + 60_000, {});
  return id;
}

describe("unfinished backtest runs (issue 14 #10)", () => {
  test("issue 14 #10: `mine` refuses a killed backtest run (no finished_at), naming it; a finished one is mined", () => {
    const fx = miningFixture();
    const killed = backtestRun(fx, false);
    const done = backtestRun(fx, true);
    let error: unknown;
    try {
      runMining(fx.db, fx.config, { clock, runId: killed });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnfinishedRunError);
    expect((error as UnfinishedRunError).exitCode).toBe(2);
    expect((error as Error).message).toContain(`backtest run ${killed} is unfinished`);
    expect(fx.db.query("SELECT COUNT(*) AS n FROM mining_runs").get()).toEqual({ n: 0 });
    expect(runMining(fx.db, fx.config, { clock, runId: done }).miningRunId).not.toBeNull();
    // The daemon's own shadow trades (run 0) have no backtest row and are mined as before.
    expect(() => runMining(fx.db, fx.config, { clock })).not.toThrow();
  });

  test("issue 14 #10: `promote` refuses a mining run whose backtest run is unfinished", () => {
    const fx = miningFixture();
    const run = backtestRun(fx, true);
    const mined = runMining(fx.db, fx.config, { clock, runId: run });
    // A ledger where the run was mined before mining refused unfinished runs.
    fx.db.run("UPDATE backtest_runs SET finished_at = NULL WHERE id = ?1", [run]);
    expect(() => runPromotion(fx.db, fx.config, { clock, runId: run })).toThrow(
      `mining run ${mined.miningRunId} not promoted: backtest run ${run} is unfinished`,
    );
    expect(fx.db.query("SELECT COUNT(*) AS n FROM promotion_audit").get()).toEqual({ n: 0 });
  });

  test("issue 14 #10: `hlbot mine --run-id N` of a killed run exits 2 with the message, no stack trace", async () => {
    const fx = miningFixture();
    const killed = backtestRun(fx, false);
    fx.db.close();
    const r = await hlbot(fx.dir, ["mine", "--db", fx.config.ledger.path, "--run-id", String(killed)]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain(`not mined: backtest run ${killed} is unfinished`);
    expect(r.err).not.toContain("    at ");
  });
});

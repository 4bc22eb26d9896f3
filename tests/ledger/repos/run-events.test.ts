import { describe, expect, test } from "bun:test";
import { openLedger } from "../../../src/ledger/open.ts";
import { BacktestRunsRepo } from "../../../src/ledger/repos/backtest-runs.ts";
import { RunEventsRepo } from "../../../src/ledger/repos/run-events.ts";
import type { RunEvent } from "../../../src/report/run-summary.ts";

describe("RunEventsRepo", () => {
  test("stores a run's events and reads them back in time order, per run", () => {
    const db = openLedger(":memory:");
    const runs = new BacktestRunsRepo(db);
    const run = (command: string | null) =>
      runs.create({
        startedAt: 1,
        kind: "single",
        model: "v4",
        mode: "both",
        params: {},
        dataHash: "h",
        codeVersion: "c",
        command,
      });
    const a = run("hlbot backtest --model v4");
    const b = run(null);
    expect(runs.get(a)!.command).toBe("hlbot backtest --model v4");
    expect(runs.get(b)!.command).toBeNull();
    const kill: RunEvent = {
      t: 2000,
      kind: "kill_switch",
      mode: "live",
      coin: null,
      detail: "drawdown 15.3% reached the 15.0% floor",
      value: 15.3,
      rejectedCandidates: 1794,
      endedAt: null,
    };
    const gap: RunEvent = {
      t: 1000,
      kind: "data_gap",
      mode: null,
      coin: "SOL",
      detail: "SOL 1h: 2 bars missing",
      value: 2,
      rejectedCandidates: 0,
      endedAt: 1500,
    };
    const repo = new RunEventsRepo(db);
    repo.record(a, [kill, gap]);
    repo.record(b, [gap]);
    expect(repo.list(a)).toEqual([gap, kill]);
    expect(repo.list(b)).toEqual([gap]);
    expect(repo.list(99)).toEqual([]);
  });
});

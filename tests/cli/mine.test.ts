// `hlbot mine` as cron runs it: exit codes, output, the lock.
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { acquireRunLock } from "../../src/mining/run-lock.ts";
import { hlbot } from "../mining/support/cli.ts";
import { miningFixture, specs } from "../mining/support/ledger.ts";

describe("hlbot mine", () => {
  const fx = miningFixture();
  fx.feed(specs("momentum", [0.8, 0, 0, 0]), 0, 40, 11);
  fx.db.close();
  const db = fx.config.ledger.path;

  test("writes a mining run and prints the bucket table (exit 0)", async () => {
    const r = await hlbot(fx.dir, ["mine", "--db", db]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("mining run 1: model v4, source run 0, 960 trades, 4 buckets, family 4");
    expect(r.out).toContain("momentum|long|asia|Long|mid");
  });

  test("--json prints the full result", async () => {
    const r = await hlbot(fx.dir, ["mine", "--db", db, "--json", "--seed", "7"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.miningRunId).toBe(2);
    expect(j.params.seed).toBe(7);
    expect(j.buckets).toHaveLength(4);
  });

  test("no trades for the source: exit 3; a malformed flag: exit 2", async () => {
    expect((await hlbot(fx.dir, ["mine", "--db", db, "--run-id", "9"])).code).toBe(3);
    expect((await hlbot(fx.dir, ["mine", "--db", db, "--run-id", "x"])).code).toBe(2);
  });

  test("an overlapping run exits 75 (lock held by a live process)", async () => {
    const held = acquireRunLock(`${db}.mine.lock`); // a live holder (this process)
    const r = await hlbot(fx.dir, ["mine", "--db", db]);
    expect(r.code).toBe(75);
    expect(r.err).toContain("lock");
    expect(r.err).toContain(`pid ${process.pid}`);
    expect(existsSync(`${db}.mine.lock`)).toBe(true);
    held.release();
  });

  test("issue 12 §3: nothing for --run-id 0 names the backtest runs that could be mined instead", async () => {
    const bt = miningFixture();
    bt.feed(specs("momentum", [0.8, 0, 0, 0], 2), 0, 12, 3, "v4", 7);
    bt.feed(specs("trend_alpha", [0.5, 0, 0, 0], 2), 0, 12, 4, "v3", 9);
    bt.db.close();
    const r = await hlbot(bt.dir, ["mine", "--db", bt.config.ledger.path]);
    expect(r.code).toBe(3);
    expect(r.out).toContain("no closed shadow trades for model v4, source run 0");
    expect(r.out).toContain("backtest runs with closed trades you could mine instead:");
    expect(r.out).toMatch(/hlbot mine --run-id 9 --model v3 +\(\d+ closed trades\)/);
    expect(r.out).toMatch(/hlbot mine --run-id 7 +\(\d+ closed trades\)/);
    const json = JSON.parse((await hlbot(bt.dir, ["mine", "--db", bt.config.ledger.path, "--json"])).out);
    expect(json.minableRuns.map((m: { runId: number }) => m.runId)).toEqual([9, 7]);
  });
});

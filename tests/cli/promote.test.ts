// `hlbot promote` as cron runs it: exit codes, dry run, idempotency, the lock.
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { acquireRunLock } from "../../src/mining/run-lock.ts";
import { hlbot } from "../mining/support/cli.ts";
import { miningFixture, specs } from "../mining/support/ledger.ts";

describe("hlbot promote", () => {
  const fx = miningFixture();
  fx.feed(specs("momentum", [0.8, 0, 0, 0]), 0, 40, 11);
  fx.db.close();
  const db = fx.config.ledger.path;
  const file = join(fx.dir, "config", "live_candidates.json"); // default live.candidates_path, relative to cwd

  test("nothing mined yet: exit 3", async () => {
    expect((await hlbot(fx.dir, ["promote", "--db", db])).code).toBe(3);
  });

  test("--dry-run shows the change and writes nothing (exit 0: there is a change)", async () => {
    expect((await hlbot(fx.dir, ["mine", "--db", db])).code).toBe(0);
    const r = await hlbot(fx.dir, ["promote", "--db", db, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("dry run (nothing written)");
    expect(r.out).toContain("SHADOW  PROBATION");
    expect(existsSync(file)).toBe(false);
  });

  test("applies the mining run (exit 0) and writes live_candidates.json; a rerun is a no-op (exit 3)", async () => {
    const r = await hlbot(fx.dir, ["promote", "--db", db]);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.buckets[0].state).toBe("PROBATION");
    const again = await hlbot(fx.dir, ["promote", "--db", db, "--json"]);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.out).status).toBe("already_applied");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(written);
  });

  test("an overlapping run exits 75 and touches nothing", async () => {
    expect((await hlbot(fx.dir, ["mine", "--db", db])).code).toBe(0);
    const held = acquireRunLock(`${db}.promote.lock`); // a live holder (this process)
    const before = readFileSync(file, "utf8");
    expect((await hlbot(fx.dir, ["promote", "--db", db])).code).toBe(75);
    expect(readFileSync(file, "utf8")).toBe(before);
    held.release();
    expect((await hlbot(fx.dir, ["promote", "--db", db])).code).toBe(3); // no state change on the new run
  });
});

import { describe, expect, test } from "bun:test";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LockHeldError } from "../../src/core/errors.ts";
import { acquireRunLock, lockPathFor } from "../../src/mining/run-lock.ts";
import { scratchDir } from "../support/paths.ts";

describe("run lock", () => {
  test("a second acquisition while held fails with LockHeldError (exit 75); release frees it", () => {
    const path = join(scratchDir(), "promote.lock");
    const lock = acquireRunLock(path);
    let error: unknown;
    try {
      acquireRunLock(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).exitCode).toBe(75);
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquireRunLock(path).release();
  });

  test("a lock left by a dead process (or half written) is taken over", () => {
    const dir = scratchDir();
    const stale = join(dir, "a.lock");
    writeFileSync(stale, JSON.stringify({ pid: 2_147_483_000, t: 0 }));
    acquireRunLock(stale).release();
    const garbage = join(dir, "b.lock");
    writeFileSync(garbage, "{");
    acquireRunLock(garbage).release();
  });

  test("lock files live beside the ledger, one per job", () => {
    expect(lockPathFor("/opt/hlbot/data/hlbot.db", "mine")).toBe("/opt/hlbot/data/hlbot.db.mine.lock");
    expect(lockPathFor("/opt/hlbot/data/hlbot.db", "promote")).toBe("/opt/hlbot/data/hlbot.db.promote.lock");
  });
});

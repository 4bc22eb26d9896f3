import { describe, expect, test } from "bun:test";
import { existsSync, linkSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LedgerPathError, LockHeldError } from "../../src/core/errors.ts";
import { acquireDaemonLock, acquireRunLock, lockPathFor } from "../../src/mining/run-lock.ts";
import { REPO_ROOT, scratchDir } from "../support/paths.ts";

const RUN_LOCK = join(REPO_ROOT, "src", "mining", "run-lock.ts");

function heldError(fn: () => unknown): LockHeldError {
  try {
    fn();
  } catch (e) {
    if (e instanceof LockHeldError) return e;
    throw e;
  }
  throw new Error("expected LockHeldError");
}

/** Another process holding a lock (`kind` run or daemon) on `path`; resolves once it holds it. */
async function holder(kind: "run" | "daemon", path: string) {
  const fn = kind === "run" ? "acquireRunLock" : "acquireDaemonLock";
  const proc = Bun.spawn(
    [
      process.execPath,
      "-e",
      `const m = await import(${JSON.stringify(RUN_LOCK)}); m.${fn}(${JSON.stringify(path)}); console.log("held"); await new Promise(() => {});`,
    ],
    { stdout: "pipe", stderr: "inherit" },
  );
  const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
  const { value } = await reader.read();
  expect(new TextDecoder().decode(value)).toContain("held");
  return proc;
}

describe("run lock", () => {
  test("a second acquisition while held fails with LockHeldError (exit 75); release frees it", () => {
    const path = join(scratchDir(), "promote.lock");
    const lock = acquireRunLock(path);
    const error = heldError(() => acquireRunLock(path));
    expect(error.exitCode).toBe(75);
    expect(error.message).toContain(`pid ${process.pid}`);
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

  test("issue 14 #2: a lock file naming our own PID, or PID 1, after a container restart is stale", () => {
    const dir = scratchDir();
    // In a PID namespace the restarted daemon gets PID 1 (or the same PID) again: the file from its
    // previous life names a live process, but nobody holds the lock.
    for (const pid of [process.pid, 1]) {
      const path = join(dir, `${pid}.trade.lock`);
      writeFileSync(path, JSON.stringify({ pid, t: Date.now() - 1_000 }));
      const lock = acquireRunLock(path);
      lock.release();
      expect(existsSync(path)).toBe(false);
    }
  });

  test("issue 14 #2: a lock held by another live process is refused (exit 75); its death frees it", async () => {
    const path = join(scratchDir(), "x.db.mine.lock");
    const proc = await holder("run", path);
    try {
      const error = heldError(() => acquireRunLock(path));
      expect(error.message).toContain(`pid ${proc.pid}`);
    } finally {
      proc.kill("SIGKILL");
      await proc.exited;
    }
    acquireRunLock(path).release(); // kill -9 left the file; the kernel dropped the lock
  });

  test("issue 14 #2: a second daemon on the same ledger inode (a hard link) is refused", async () => {
    const dir = scratchDir();
    const ledger = join(dir, "a", "hlbot.db");
    mkdirSync(join(dir, "a"));
    mkdirSync(join(dir, "b"));
    writeFileSync(ledger, "");
    const link = join(dir, "b", "same.db");
    linkSync(ledger, link);
    const proc = await holder("daemon", ledger);
    try {
      const error = heldError(() => acquireDaemonLock(link));
      expect(error.exitCode).toBe(75);
      expect(error.message).toContain("another hlbot trade runs on ledger");
      expect(existsSync(`${link}.trade.lock`)).toBe(false); // the refused run left nothing behind
    } finally {
      proc.kill("SIGKILL");
      await proc.exited;
    }
    acquireDaemonLock(link).release();
  });

  test("issue 12 §2: locks create the ledger's missing folders; a directory as ledger is exit 2", () => {
    const dir = scratchDir();
    const nested = join(dir, "new", "deeper", "hlbot.db");
    acquireRunLock(lockPathFor(nested, "mine")).release();
    const daemon = acquireDaemonLock(nested);
    daemon.release();
    expect(existsSync(nested)).toBe(true); // created empty: SQLite opens it as a new ledger
    mkdirSync(join(dir, "a-dir.db"));
    expect(() => acquireDaemonLock(join(dir, "a-dir.db"))).toThrow(LedgerPathError);
  });

  test("lock files live beside the ledger, one per job", () => {
    expect(lockPathFor("/opt/hlbot/data/hlbot.db", "mine")).toBe("/opt/hlbot/data/hlbot.db.mine.lock");
    expect(lockPathFor("/opt/hlbot/data/hlbot.db", "promote")).toBe("/opt/hlbot/data/hlbot.db.promote.lock");
  });
});

/**
 * A lock file that keeps cron runs of `hlbot mine` / `hlbot promote` from overlapping. Created with
 * O_EXCL and holding the owner's pid; a lock whose process is gone (crash, kill -9) is taken over, so a
 * dead run never blocks the next night. A live owner makes the new run fail with LockHeldError (exit 75).
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LockHeldError } from "../core/errors.ts";

export interface RunLock {
  readonly path: string;
  release(): void;
}

/** The lock file of a job for a ledger: beside the ledger (in the temp dir for an in-memory one). */
export function lockPathFor(ledgerPath: string, job: "mine" | "promote"): string {
  return ledgerPath === ":memory:" ? join(tmpdir(), `hlbot-memory.${job}.lock`) : `${ledgerPath}.${job}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ownerOf(path: string): { pid: number; t: number } | null {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as { pid?: unknown; t?: unknown };
    return typeof owner.pid === "number" ? { pid: owner.pid, t: Number(owner.t) } : null;
  } catch {
    return null;
  }
}

export function acquireRunLock(path: string, now: number = Date.now()): RunLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, JSON.stringify({ pid: process.pid, t: now }));
      closeSync(fd);
      return {
        path,
        release() {
          if (ownerOf(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(path);
      if (owner && isAlive(owner.pid)) {
        throw new LockHeldError(
          `another run holds ${path} (pid ${owner.pid} since ${new Date(owner.t).toISOString()}); try again later`,
        );
      }
      // The owner is gone (or the file is half-written by a crash): take the lock over.
      try {
        unlinkSync(path);
      } catch {}
    }
  }
  throw new LockHeldError(`could not take ${path}: another run took it first`);
}

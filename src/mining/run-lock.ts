/**
 * The locks that keep runs from overlapping: one `hlbot trade` per ledger, one `hlbot mine` / `hlbot
 * promote` at a time (cron). Each is an flock(2) on a lock file beside the ledger, which the kernel
 * releases when its holder dies, so a crashed or killed run (or a container restarting with the same
 * PID) never locks the next one out. The daemon also flocks the ledger file itself, so a second daemon
 * reaching the same ledger through a hard link or another path is refused too. The file holds the
 * holder's pid and start time for the message a refused run prints (LockHeldError, exit 75).
 * Where flock is unavailable, the lock file is created with O_EXCL and a lock naming a dead process,
 * or our own PID (not held by us), is stale and taken over.
 */
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LedgerPathError, LockHeldError } from "../core/errors.ts";
import { checkLedgerPath, ensureParentDir } from "../ledger/open.ts";
import { tryExclusiveFlock } from "./flock.ts";

export interface RunLock {
  readonly path: string;
  release(): void;
}

/** The lock file of a job for a ledger: beside the ledger (in the temp dir for an in-memory one). */
export function lockPathFor(ledgerPath: string, job: "mine" | "promote" | "trade"): string {
  return ledgerPath === ":memory:" ? join(tmpdir(), `hlbot-memory.${job}.lock`) : `${ledgerPath}.${job}.lock`;
}

/** Lock files this process holds through the O_EXCL fallback (a file naming our PID is ours only if listed). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // only locks listed in heldHere are ours
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

function heldError(path: string): LockHeldError {
  const owner = ownerOf(path);
  const who = owner
    ? `pid ${owner.pid} since ${Number.isFinite(owner.t) ? new Date(owner.t).toISOString() : "?"}`
    : "a running process";
  return new LockHeldError(`another run holds ${path} (${who}); try again later`);
}

function sameFile(fd: number, path: string): boolean {
  try {
    const a = fstatSync(fd);
    const b = statSync(path);
    return a.ino === b.ino && a.dev === b.dev;
  } catch {
    return false;
  }
}

/** Takes the lock file at `path` (its folder is created), or throws LockHeldError (exit 75). */
export function acquireRunLock(path: string, now: number = Date.now()): RunLock {
  ensureParentDir(path);
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
    } catch (cause) {
      throw new LedgerPathError(`cannot create lock file ${path}: ${(cause as Error).message}`, { cause });
    }
    const got = tryExclusiveFlock(fd);
    if (got === "unsupported") {
      closeSync(fd);
      return acquireExclusiveFile(path, now);
    }
    if (got === "held") {
      closeSync(fd);
      throw heldError(path);
    }
    // A releasing holder unlinks the file after we opened it: then we hold a lock nobody else sees.
    if (!sameFile(fd, path)) {
      closeSync(fd);
      continue;
    }
    ftruncateSync(fd, 0);
    writeSync(fd, JSON.stringify({ pid: process.pid, t: now }), 0);
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        if (sameFile(fd, path)) unlinkSync(path); // unlink while still holding: no one takes a doomed file
        closeSync(fd);
      },
    };
  }
  throw new LockHeldError(`could not take ${path}: other runs keep taking it; try again later`);
}

/** The O_EXCL fallback where flock is unavailable. */
function acquireExclusiveFile(path: string, now: number): RunLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o644);
      writeSync(fd, JSON.stringify({ pid: process.pid, t: now }));
      closeSync(fd);
      heldHere.add(path);
      return {
        path,
        release() {
          if (!heldHere.delete(path)) return;
          if (ownerOf(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(path);
      if (heldHere.has(path) || (owner && isAlive(owner.pid))) throw heldError(path);
      // The owner is gone, is a previous life of our own PID, or the file is half written: take it over.
      try {
        unlinkSync(path);
      } catch {}
    }
  }
  throw new LockHeldError(`could not take ${path}: another run took it first`);
}

/**
 * The daemon's lock on a ledger: the `.trade.lock` file beside it plus an flock on the ledger file
 * itself (created empty when missing, which SQLite opens as a new database). The ledger path is
 * checked first, so a directory or a non-database file is a LedgerPathError (exit 2), not a lock.
 */
export function acquireDaemonLock(ledgerPath: string, now: number = Date.now()): RunLock {
  checkLedgerPath(ledgerPath);
  const sidecar = acquireRunLock(lockPathFor(ledgerPath, "trade"), now);
  if (ledgerPath === ":memory:") return sidecar;
  let fd: number;
  try {
    fd = openSync(ledgerPath, constants.O_RDWR | constants.O_CREAT, 0o644);
  } catch (cause) {
    sidecar.release();
    throw new LedgerPathError(`cannot open ledger ${ledgerPath} for writing: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (tryExclusiveFlock(fd) === "held") {
    closeSync(fd);
    sidecar.release();
    throw new LockHeldError(
      `another hlbot trade runs on ledger ${ledgerPath} (the same file, reached through another path or a hard link); one daemon per ledger`,
    );
  }
  return {
    path: sidecar.path,
    // Close the ledger descriptor only after the ledger itself is closed: closing any descriptor of a
    // file drops this process's POSIX locks on it, SQLite's included.
    release() {
      closeSync(fd);
      sidecar.release();
    },
  };
}

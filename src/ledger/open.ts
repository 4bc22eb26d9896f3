/**
 * Opens the SQLite ledger: WAL, busy timeout, foreign keys, and every pending migration applied in
 * one transaction each (`PRAGMA user_version` records progress). Read-only opens skip migrations and
 * refuse a ledger that is not at the latest version. A path that cannot be a ledger (a directory, a
 * file that is not SQLite, no file for a read-only open) is a LedgerPathError (exit 2), checked before
 * anything is created.
 */
import { Database } from "bun:sqlite";
import { closeSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LedgerError, LedgerPathError } from "../core/errors.ts";
import { INBOX_VERSION, LATEST_VERSION, MIGRATIONS } from "./migrations/index.ts";
import { CandleInbox } from "./repos/candle-inbox.ts";

export interface OpenOptions {
  readonly?: boolean;
  busyTimeoutMs?: number;
  /** Apply migrations only up to this version (tests of the migration path). */
  targetVersion?: number;
}

/** The 16 bytes every SQLite database file starts with. */
const SQLITE_HEADER = "SQLite format 3\0";

/**
 * Throws LedgerPathError unless `file` can be opened as a ledger: absent (then only when `mustExist`
 * is false), or a regular file that is empty or starts with the SQLite header.
 */
export function checkLedgerPath(file: string, mustExist = false): void {
  if (file === ":memory:") return;
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      throw new LedgerPathError(`ledger ${file}: ${(cause as Error).message}`, { cause });
    if (mustExist) {
      throw new LedgerPathError(
        `no ledger at ${file}: this command only reads one (create it with hlbot import, backfill or trade, or point --db / ledger.path at it)`,
      );
    }
    return;
  }
  if (stat.isDirectory()) {
    throw new LedgerPathError(`ledger ${file} is a directory: point --db / ledger.path at a file in it`);
  }
  if (!stat.isFile()) throw new LedgerPathError(`ledger ${file} is not a regular file`);
  if (stat.size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (cause) {
    throw new LedgerPathError(`cannot read ledger ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") !== SQLITE_HEADER) {
    throw new LedgerPathError(
      `${file} is not an hlbot ledger (not an SQLite database): point --db / ledger.path elsewhere`,
    );
  }
}

/** Creates the ledger's folder (and its parents) when missing; a path in the way is a LedgerPathError. */
export function ensureParentDir(file: string): void {
  if (file === ":memory:") return;
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (cause) {
    throw new LedgerPathError(`cannot create the folder of ${file}: ${(cause as Error).message}`, { cause });
  }
}

export function openLedger(path: string, options: OpenOptions = {}): Database {
  const file = path === ":memory:" ? path : resolve(path);
  checkLedgerPath(file, options.readonly === true);
  let db: Database;
  try {
    if (options.readonly) {
      db = new Database(file, { readonly: true, strict: true });
    } else {
      ensureParentDir(file);
      db = new Database(file, { create: true, readwrite: true, strict: true });
    }
  } catch (cause) {
    if (cause instanceof LedgerError) throw cause;
    throw new LedgerError(`cannot open ledger ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    db.run(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    return prepare(db, file, options);
  } catch (cause) {
    db.close();
    if (cause instanceof LedgerError) throw cause;
    if ((cause as { code?: string }).code === "SQLITE_NOTADB") {
      throw new LedgerPathError(`${file} is not an hlbot ledger (not an SQLite database)`, { cause });
    }
    throw new LedgerError(`cannot open ledger ${file}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Page cache of a writing connection, KiB in SQLite's negative form: up to 64 MiB, taken as pages are
 * read (SQLite's default is 2 MiB). At a 4h close the daemon's inbox fold writes 600 bars onto 600
 * leaves of the candles tree; with 2 MiB each close re-read them from the file (bench/daemon.ts,
 * 4h close: inserts 8–13 → 3–5 ms wall, bars → ledger p50 18.5–19.0 → 10.2–11.6 ms CPU).
 */
export const WRITER_CACHE_KIB = -65_536;

function prepare(db: Database, file: string, options: OpenOptions): Database {
  if (options.readonly) {
    const version = userVersion(db);
    if (version !== LATEST_VERSION) {
      throw new LedgerError(`ledger ${file} is at schema v${version}, this hlbot needs v${LATEST_VERSION}`);
    }
    return db;
  }
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("PRAGMA foreign_keys = ON");
  db.run(`PRAGMA cache_size = ${WRITER_CACHE_KIB}`);
  const target = options.targetVersion ?? LATEST_VERSION;
  migrate(db, target);
  // Bars a daemon left in the candle inbox (a crash before its next quiet moment) join `candles`
  // before anything reads them: one probe when the inbox is empty.
  if (target >= INBOX_VERSION && hasCandleTables(db)) {
    const inbox = new CandleInbox(db);
    if (inbox.pending()) inbox.fold();
  }
  return db;
}

/** True when this file holds `candles` and its inbox (a research ledger holds neither). */
function hasCandleTables(db: Database): boolean {
  const row = db
    .query(
      "SELECT COUNT(*) AS n FROM main.sqlite_schema WHERE type = 'table' AND name IN ('candles', 'candles_inbox')",
    )
    .get() as { n: number };
  return row.n === 2;
}

export function userVersion(db: Database): number {
  const row = db.query("PRAGMA user_version").get() as { user_version: number };
  return row.user_version;
}

function migrate(db: Database, target: number): void {
  const current = userVersion(db);
  if (current > LATEST_VERSION) {
    throw new LedgerError(
      `ledger is at schema v${current}, newer than this hlbot (v${LATEST_VERSION}); upgrade hlbot`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    try {
      db.transaction(() => {
        db.run(m.sql);
        db.run(`PRAGMA user_version = ${m.version}`);
      }).immediate();
    } catch (cause) {
      throw new LedgerError(`migration v${m.version} (${m.name}) failed: ${(cause as Error).message}`, {
        cause,
      });
    }
  }
}

/**
 * Opens the SQLite ledger: WAL, busy timeout, foreign keys, and every pending migration applied in
 * one transaction each (`PRAGMA user_version` records progress). Read-only opens skip migrations and
 * refuse a ledger that is not at the latest version.
 */
import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LedgerError } from "../core/errors.ts";
import { LATEST_VERSION, MIGRATIONS } from "./migrations/index.ts";

export interface OpenOptions {
  readonly?: boolean;
  busyTimeoutMs?: number;
  /** Apply migrations only up to this version (tests of the migration path). */
  targetVersion?: number;
}

export function openLedger(path: string, options: OpenOptions = {}): Database {
  const file = path === ":memory:" ? path : resolve(path);
  let db: Database;
  try {
    if (options.readonly) {
      db = new Database(file, { readonly: true, strict: true });
    } else {
      if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { create: true, readwrite: true, strict: true });
    }
  } catch (cause) {
    throw new LedgerError(`cannot open ledger ${file}: ${(cause as Error).message}`, { cause });
  }
  db.run(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  if (options.readonly) {
    const version = userVersion(db);
    if (version !== LATEST_VERSION) {
      db.close();
      throw new LedgerError(`ledger ${file} is at schema v${version}, this hlbot needs v${LATEST_VERSION}`);
    }
    return db;
  }
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA synchronous = NORMAL");
  db.run("PRAGMA foreign_keys = ON");
  migrate(db, options.targetVersion ?? LATEST_VERSION);
  return db;
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

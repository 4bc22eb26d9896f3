/**
 * The research ledger: a separate SQLite file that backtests, sweeps and walk-forwards write their
 * runs into, while reading market data from the main (daemon's) ledger attached READ-ONLY — so
 * research never grows the production ledger and never takes its write lock (a running daemon
 * keeps writing undisturbed, and the backtest is never blocked by it: WAL readers wait for nobody).
 *
 * The research file holds every table but the market ones (candles, funding, asset contexts,
 * books, prediction snapshots): those are dropped after its migrations, so an unqualified name
 * resolves to the attached ledger's table and every repository reads the main ledger's data
 * unchanged — and a write to one fails (read-only) instead of landing in the wrong file. Before a
 * later migration runs, they are recreated empty at the file's schema version, then dropped again.
 * Default path: `ledger.research_path`, else `research.db` beside the main ledger; a research path
 * equal to the main ledger's stores runs in the main ledger (the old layout).
 */
import { constants, Database } from "bun:sqlite";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "../config/schema.ts";
import { LedgerError, UsageError } from "../core/errors.ts";
import { LATEST_VERSION } from "../ledger/migrations/index.ts";
import { checkLedgerPath, openLedger, userVersion } from "../ledger/open.ts";

/** The tables a research ledger reads from the main ledger (the ones a replay needs). */
export const MARKET_TABLES = [
  "candles",
  "candles_inbox",
  "funding",
  "asset_ctxs",
  "book_snapshots",
  "prediction_snapshots",
];

/** Where research runs are stored: `ledger.research_path` (against the working dir), else beside the main ledger. */
export function researchLedgerPath(config: Config, override?: string): string {
  const explicit = override ?? config.ledger.research_path;
  return explicit ? resolve(process.cwd(), explicit) : join(dirname(config.ledger.path), "research.db");
}

/** True when the research ledger is the main ledger itself (runs stored beside the daemon's rows). */
export function isMainLedger(researchPath: string, mainPath: string): boolean {
  return resolve(researchPath) === resolve(mainPath);
}

/**
 * Creates or migrates the research file to the latest schema, its market tables absent. A file at an
 * older version gets them back (empty, as that version made them) so its migrations apply unchanged.
 */
export function migrateResearchLedger(file: string, busy: number): void {
  checkLedgerPath(file);
  if (existsSync(file) && statSync(file).size > 0) {
    const db = new Database(file, { strict: true });
    try {
      const version = userVersion(db);
      if (version > 0 && version < LATEST_VERSION) {
        const scratch = openLedger(":memory:", { targetVersion: version });
        const marks = MARKET_TABLES.map(() => "?").join(", ");
        const ddl = scratch
          .query(
            `SELECT sql FROM sqlite_master WHERE tbl_name IN (${marks}) AND sql IS NOT NULL ORDER BY type DESC`,
          )
          .values(...MARKET_TABLES) as string[][];
        scratch.close();
        db.transaction(() => {
          for (const [sql] of ddl) db.run(sql!.replace(/^CREATE (TABLE|INDEX) /, "CREATE $1 IF NOT EXISTS "));
        })();
      }
    } finally {
      db.close();
    }
  }
  const db = openLedger(file, { busyTimeoutMs: busy });
  try {
    db.transaction(() => {
      for (const table of MARKET_TABLES) db.run(`DROP TABLE IF EXISTS main.${table}`);
    })();
  } finally {
    db.close();
  }
}

/** An SQLite URI for `file`, read-only (every path character that means something in a URI escaped). */
function readOnlyUri(file: string): string {
  return `file:${file.split("/").map(encodeURIComponent).join("/")}?mode=ro`;
}

export interface ResearchLedgerOptions {
  busyTimeoutMs?: number;
  /** Open an existing research ledger read-only (the API over research runs); nothing is created. */
  readonly?: boolean;
}

/**
 * Opens (creating and migrating when needed) the research ledger at `researchPath` with the main
 * ledger at `mainPath` attached read-only as `market`. When both paths are the same file, the main
 * ledger opened for writing, as before.
 */
export function openResearchLedger(
  researchPath: string,
  mainPath: string,
  options: ResearchLedgerOptions = {},
): Database {
  const busy = Math.trunc(options.busyTimeoutMs ?? 5000);
  const readonly = options.readonly === true;
  if (isMainLedger(researchPath, mainPath))
    return openLedger(mainPath, readonly ? { readonly } : { busyTimeoutMs: busy });
  const main = resolve(mainPath);
  checkLedgerPath(main, true);
  const file = resolve(researchPath);
  if (readonly) checkLedgerPath(file, true);
  else {
    // The main ledger of an older hlbot is migrated once, as any writing command would.
    const probe = new Database(main, { readonly: true, strict: true });
    const behind = userVersion(probe) < LATEST_VERSION;
    probe.close();
    if (behind) openLedger(main, { busyTimeoutMs: busy }).close();
    migrateResearchLedger(file, busy);
  }
  const flags = readonly
    ? constants.SQLITE_OPEN_READONLY | constants.SQLITE_OPEN_URI
    : constants.SQLITE_OPEN_READWRITE | constants.SQLITE_OPEN_CREATE | constants.SQLITE_OPEN_URI;
  let db: Database;
  try {
    db = new Database(file, flags);
  } catch (cause) {
    throw new LedgerError(`cannot open research ledger ${file}: ${(cause as Error).message}`, { cause });
  }
  try {
    db.run(`PRAGMA busy_timeout = ${busy}`);
    if (!readonly) db.run("PRAGMA foreign_keys = ON");
    db.run("ATTACH DATABASE ?1 AS market", [readOnlyUri(main)]);
    if (userVersion(db) !== LATEST_VERSION)
      throw new LedgerError(
        `research ledger ${file} is at schema v${userVersion(db)}, this hlbot needs v${LATEST_VERSION}`,
      );
    const version = (db.query("PRAGMA market.user_version").get() as { user_version: number }).user_version;
    if (version !== LATEST_VERSION)
      throw new LedgerError(
        `ledger ${main} is at schema v${version}, this hlbot needs v${LATEST_VERSION} (open it once with a writing command, e.g. hlbot import)`,
      );
    return db;
  } catch (cause) {
    db.close();
    if (cause instanceof LedgerError) throw cause;
    throw new LedgerError(`cannot attach ledger ${main} to ${file}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Opens a ledger that holds runs (the run browser's, `explain`'s, `compare`'s `--db`): read-only as
 * it is, or for writing — a research ledger (one without market tables) brought to the latest schema
 * its own way first. Given `mainPath`, a research ledger comes with that main ledger attached
 * read-only, so what reads candles (features, charts) works on it as on a full ledger.
 */
export function openRunsLedger(
  path: string,
  options: { readonly?: boolean; busyTimeoutMs?: number; mainPath?: string } = {},
): Database {
  const file = resolve(path);
  const busy = Math.trunc(options.busyTimeoutMs ?? 5000);
  checkLedgerPath(file, true);
  const probe = new Database(file, { readonly: true, strict: true });
  const research =
    userVersion(probe) > 0 &&
    !probe.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'candles'").get();
  probe.close();
  const readonly = options.readonly === true;
  if (research && options.mainPath && existsSync(options.mainPath))
    return openResearchLedger(file, options.mainPath, { readonly, busyTimeoutMs: busy });
  if (readonly) return openLedger(file, { readonly: true });
  if (research) migrateResearchLedger(file, busy);
  return openLedger(file, { busyTimeoutMs: busy });
}

/**
 * The ledger that holds run `runId`, read-only, for the tools that open a run's decisions (explain,
 * compare): run 0, the daemon, is in the main ledger; backtest runs are in the research ledger (the
 * main ledger attached for market data) — the same file when research is stored in the main ledger.
 */
export function openRunLedgerReadOnly(config: Config, runId: number): Database {
  const main = config.ledger.path;
  if (runId === 0) return openLedger(main, { readonly: true });
  const path = researchLedgerPath(config);
  if (!existsSync(path))
    throw new UsageError(
      `run ${runId}: no research ledger at ${path} (backtest runs are stored there; ledger.research_path or the command's flag names another)`,
    );
  return openRunsLedger(path, { readonly: true, mainPath: main });
}

/**
 * The one error tree of hlbot. Every error we raise is a BotError with a stable `kind`, so callers
 * branch with `instanceof` or `kind`, never on message text. Wrappers keep the original as `cause`.
 */
export abstract class BotError extends Error {
  abstract readonly kind: string;
  /** Process exit code a CLI command should end with when this error reaches the top. */
  readonly exitCode: number = 1;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem in the configuration, located by its key path (e.g. `risk.risk_fraction`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** Bad configuration: the CLI prints every issue with its key path and exits 2. */
export class ConfigError extends BotError {
  readonly kind = "config";
  override readonly exitCode = 2;
  constructor(
    readonly source: string,
    readonly issues: ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      `invalid configuration (${source}):\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join("\n")}`,
      options,
    );
  }
}

/** Bad command-line usage that citty cannot catch (e.g. a malformed list or date). Exit 2. */
export class UsageError extends BotError {
  readonly kind = "usage";
  override readonly exitCode = 2;
}

/** A data file row that cannot be read; `location` is `file:line`. Nothing from that file is written. */
export class DataFormatError extends BotError {
  readonly kind = "data_format";
  override readonly exitCode = 2;
  constructor(
    readonly location: string,
    detail: string,
  ) {
    super(`${location}: ${detail}`);
  }
}

/** The ledger could not be opened, migrated or written. */
export class LedgerError extends BotError {
  readonly kind: string = "ledger";
}

/**
 * The ledger path cannot be a ledger: a directory, a file that is not an SQLite database, a folder that
 * cannot be created, or (for a read-only command) no file at all. The user's to fix: exit 2.
 */
export class LedgerPathError extends LedgerError {
  override readonly kind = "ledger_path";
  override readonly exitCode = 2;
}

/** A required secret (private key, account address) is missing or malformed. Never carries the value. */
export class SecretError extends BotError {
  readonly kind = "secret";
  override readonly exitCode = 2;
}

/** Another run holds the lock (cron overlap). */
export class LockHeldError extends BotError {
  readonly kind = "lock_held";
  override readonly exitCode = 75;
}

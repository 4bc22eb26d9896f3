/**
 * What every subcommand shares: the global flags (--config, --db, --log-format), loading the
 * config, configuring the logger, opening the ledger, and turning a BotError into its exit code.
 * Paths from flags are file paths (never URLs: `#`, `?` and `%` are ordinary characters), resolved
 * against the working directory. Every writer creates the folders a path needs first (openDb, the
 * run locks, writeOutputFile); a read-only open never creates anything.
 */
import type { Database } from "bun:sqlite";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ArgsDef } from "citty";
import { type LoadedConfig, loadConfig } from "../config/loader.ts";
import { BotError } from "../core/errors.ts";
import { ensureParentDir, openLedger } from "../ledger/open.ts";
import { configureLogger, type LogFormat, log } from "../log.ts";

export const globalArgs = {
  config: { type: "string", description: "config file (default: $HLBOT_CONFIG or ./config/hlbot.yaml)" },
  db: { type: "string", description: "ledger file (overrides ledger.path)" },
  "log-format": {
    type: "enum",
    options: ["json", "pretty", "auto"],
    description: "log format (default: pretty on a TTY, JSON otherwise)",
  },
} as const satisfies ArgsDef;

export interface GlobalArgValues {
  config?: string;
  db?: string;
  "log-format"?: string;
}

export interface CommandContext extends LoadedConfig {
  /** Opens (creating folder and file when needed) or, read-only, opens an existing ledger. */
  openDb(options?: { readonly?: boolean }): Database;
}

export function createContext(args: GlobalArgValues): CommandContext {
  const loaded = loadConfig(args.config ? { path: args.config } : {});
  if (args.db) loaded.config.ledger.path = resolve(process.cwd(), args.db);
  const format = (args["log-format"] as LogFormat | undefined) ?? loaded.config.log.format;
  configureLogger({ format, level: loaded.config.log.level });
  return {
    ...loaded,
    openDb: (options = {}) =>
      openLedger(loaded.config.ledger.path, {
        busyTimeoutMs: loaded.config.ledger.busy_timeout_ms,
        ...(options.readonly ? { readonly: true } : {}),
      }),
  };
}

/** Writes an output file (a report), creating its folder first. */
export function writeOutputFile(path: string, content: string): void {
  const file = resolve(process.cwd(), path);
  ensureParentDir(file);
  writeFileSync(file, content);
}

/** Runs a command body; a BotError ends the process with its exit code and a clear message. */
export async function runAction(body: () => Promise<number | undefined> | number | undefined): Promise<void> {
  try {
    const code = await body();
    if (code) process.exitCode = code;
  } catch (error) {
    if (error instanceof BotError) {
      log.error(error.message);
      process.exit(error.exitCode);
    }
    log.error(error);
    process.exit(1);
  }
}

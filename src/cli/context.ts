/**
 * What every subcommand shares: the global flags (--config, --db, --log-format), loading the
 * config, configuring the logger, opening the ledger, and turning a BotError into its exit code.
 */
import type { Database } from "bun:sqlite";
import type { ArgsDef } from "citty";
import { type LoadedConfig, loadConfig } from "../config/loader.ts";
import { BotError } from "../core/errors.ts";
import { openLedger } from "../ledger/open.ts";
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
  openDb(options?: { readonly?: boolean }): Database;
}

export function createContext(args: GlobalArgValues): CommandContext {
  const loaded = loadConfig(args.config ? { path: args.config } : {});
  if (args.db) loaded.config.ledger.path = Bun.fileURLToPath(new URL(args.db, `file://${process.cwd()}/`));
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

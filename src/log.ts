/**
 * Logging through consola: pretty on a TTY, JSON lines otherwise (or as --log-format says). Throttling
 * is off so repeated tick lines are never collapsed. Errors are serialized with their cause chain.
 * Colour only when stdout and the log stream are terminals and NO_COLOR is not set (no-color.org);
 * pretty output without colour uses consola's plain reporter.
 */
import { type ConsolaInstance, createConsola, type LogObject } from "consola";
import { createConsola as createPlainConsola } from "consola/basic";

/** May output to `stream` carry ANSI colour? Never when stdout is not a TTY or NO_COLOR is set. */
export function colorAllowed(
  stream: { isTTY?: boolean } = process.stdout,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.NO_COLOR || env.TERM === "dumb") return false;
  return process.stdout.isTTY === true && stream.isTTY === true;
}

import { type LogFileOptions, RotatingFile } from "./log-file.ts";

export type LogFormat = "auto" | "json" | "pretty";
export type LogLevelName = "error" | "warn" | "info" | "debug" | "trace";

const LEVELS: Record<LogLevelName, number> = { error: 0, warn: 1, info: 3, debug: 4, trace: 5 };

export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  const kind = (error as { kind?: unknown }).kind;
  if (kind !== undefined) out.kind = kind;
  if (error.stack)
    out.stack = error.stack
      .split("\n")
      .slice(1, 6)
      .map((s) => s.trim());
  if (error.cause !== undefined) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

function jsonReporter(write: (line: string) => void) {
  return {
    log(obj: LogObject) {
      const [first, ...rest] = obj.args;
      const entry: Record<string, unknown> = {
        time: obj.date.toISOString(),
        level: obj.type,
        ...(obj.tag ? { tag: obj.tag } : {}),
        msg:
          typeof first === "string" ? first : first instanceof Error ? first.message : JSON.stringify(first),
      };
      const extra = (typeof first === "string" ? rest : obj.args).map((a) => serializeError(a));
      for (const a of extra) {
        if (a && typeof a === "object" && !Array.isArray(a) && !(a instanceof Error)) Object.assign(entry, a);
      }
      const errors = extra.filter(
        (a) => a && typeof a === "object" && "message" in (a as object) && "name" in (a as object),
      );
      if (errors.length) entry.error = errors[0];
      write(JSON.stringify(entry));
    },
  };
}

export interface LoggerOptions {
  format?: LogFormat;
  level?: LogLevelName;
  /** Where JSON lines go (default stderr). */
  write?: (line: string) => void;
  /** Tag on every line, before a module's own (`hlbot demo`: "DEMO" → "DEMO:daemon"). */
  tag?: string;
}

export function createLogger(options: LoggerOptions = {}): ConsolaInstance {
  const format = options.format ?? "auto";
  const json = format === "json" || (format === "auto" && !process.stderr.isTTY);
  const level = LEVELS[options.level ?? "info"];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const defaults = options.tag ? { defaults: { tag: options.tag } } : {};
  if (json) return createConsola({ level, throttle: 0, ...defaults, reporters: [jsonReporter(write)] });
  const colors = colorAllowed(process.stderr);
  return (colors ? createConsola : createPlainConsola)({
    level,
    throttle: 0,
    ...defaults,
    formatOptions: { date: true, colors },
  });
}

/** The process-wide logger, configured once by the CLI root. */
export let log: ConsolaInstance = createLogger();

export function configureLogger(options: LoggerOptions): ConsolaInstance {
  log = createLogger(options);
  return log;
}

/**
 * Adds the rotating JSON log file (src/log-file.ts) to the process logger, beside stderr, whatever
 * the stderr format; returns the function that detaches and closes it.
 */
export function addLogFile(options: LogFileOptions): () => void {
  const file = new RotatingFile(options);
  const reporter = jsonReporter((line) => file.write(line));
  const target = log;
  target.addReporter(reporter);
  return () => {
    target.removeReporter(reporter);
    file.close();
  };
}

/**
 * The `hlbot` entry around citty's runCommand. citty accepts unknown flags silently and exits 1 on its
 * own errors; this checks the command line first, so a usage error (unknown command or flag, a flag
 * without its value, a bad enum value, a missing required flag, a stray argument) exits 2 with the
 * usage line. The global flags (--config, --db, --log-format) may stand anywhere, before or after the
 * subcommand. --help / -h anywhere prints the command's help (exit 0); help carries no ANSI colour
 * when stdout is not a TTY or NO_COLOR is set.
 */
import { type ArgsDef, type CommandDef, renderUsage, runCommand } from "citty";
import { colorAllowed } from "../log.ts";

// biome-ignore lint/suspicious/noExplicitAny: commands of every argument shape
type AnyCommand = CommandDef<any>;

interface ArgDef {
  type?: string;
  required?: boolean;
  options?: readonly string[];
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** May help text carry ANSI colour? */
  color: boolean;
}

const defaultIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  color: colorAllowed(process.stdout),
});

const GLOBAL = /^--(config|db|log-format)(?:=(.*))?$/s;
const LOG_FORMATS = ["json", "pretty", "auto"];

class CommandLineError extends Error {
  constructor(
    message: string,
    readonly path: string[],
    readonly command: AnyCommand,
  ) {
    super(message);
  }
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function subCommandsOf(cmd: AnyCommand): Record<string, AnyCommand> | null {
  const subs = cmd.subCommands as Record<string, AnyCommand> | undefined;
  return subs && Object.keys(subs).length > 0 ? subs : null;
}

function argsOf(cmd: AnyCommand): Record<string, ArgDef> {
  return (cmd.args ?? {}) as ArgsDef as Record<string, ArgDef>;
}

function nameOf(path: string[]): string {
  return ["hlbot", ...path].join(" ");
}

/** `usage: hlbot import --dir <dir> [options]`. */
export function usageLine(path: string[], cmd: AnyCommand): string {
  const subs = subCommandsOf(cmd);
  const args = Object.entries(argsOf(cmd));
  const required = args
    .filter(([, d]) => d.required || d.type === "positional")
    .map(([name, d]) =>
      d.type !== "positional" ? `--${name} <${name}>` : d.required ? `<${name}>` : `[${name}]`,
    );
  const parts = [
    nameOf(path),
    ...(subs ? [path.length === 0 ? "<command>" : `<${Object.keys(subs).join("|")}>`] : []),
    ...required,
    "[options]",
  ];
  return `usage: ${parts.join(" ")}`;
}

/** Splits argv into the global flags (wherever they stand) and the rest. */
function takeGlobals(root: AnyCommand, argv: string[]): { globals: string[]; rest: string[]; help: boolean } {
  const globals: string[] = [];
  const rest: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (token === "--help" || token === "-h") {
      help = true;
      continue;
    }
    const m = GLOBAL.exec(token);
    if (!m) {
      rest.push(token);
      continue;
    }
    const flag = m[1] as string;
    const value = m[2] ?? argv[i + 1];
    if (m[2] === undefined) i++;
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--"))) {
      throw new CommandLineError(`--${flag} needs a value`, [], root);
    }
    if (flag === "log-format" && !LOG_FORMATS.includes(value)) {
      throw new CommandLineError(
        `--log-format ${value}: expected one of ${LOG_FORMATS.join(", ")}`,
        [],
        root,
      );
    }
    globals.push(`--${flag}`, value);
  }
  return { globals, rest, help };
}

/** Walks `rest` down the subcommands: the command to run, its path and its own tokens. */
function resolveCommand(root: AnyCommand, rest: string[], help: boolean) {
  let cmd = root;
  const path: string[] = [];
  let i = 0;
  for (let subs = subCommandsOf(cmd); subs; subs = subCommandsOf(cmd)) {
    const token = rest[i];
    if (token === undefined || token === "--") {
      if (help) return { cmd, path, tokens: [] as string[] };
      throw new CommandLineError(path.length ? "missing subcommand" : "missing command", path, cmd);
    }
    if (token.startsWith("-")) throw new CommandLineError(`unknown option ${token}`, path, cmd);
    const sub = subs[token];
    if (!sub) {
      throw new CommandLineError(
        `unknown command "${token}" (commands: ${Object.keys(subs).join(", ")})`,
        path,
        cmd,
      );
    }
    path.push(token);
    cmd = sub;
    i++;
  }
  return { cmd, path, tokens: rest.slice(i) };
}

/** Checks a leaf command's own tokens against its argument definitions. */
function checkTokens(cmd: AnyCommand, path: string[], tokens: string[]): void {
  const defs = argsOf(cmd);
  const lookup = (name: string): [string, ArgDef] | undefined => {
    const key = defs[name] ? name : kebab(name);
    const def = defs[key];
    return def && def.type !== "positional" ? [key, def] : undefined;
  };
  const fail = (message: string) => new CommandLineError(message, path, cmd);
  const seen = new Set<string>();
  // Positional arguments (`hlbot ctl close 42`) are taken in the order they are defined.
  const positionals = Object.keys(defs).filter((k) => defs[k]?.type === "positional");
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j] as string;
    if (token === "--") {
      if (j + 1 < tokens.length) throw fail(`unexpected argument "${tokens[j + 1]}"`);
      break;
    }
    if (!token.startsWith("-") || /^-\d/.test(token) || token === "-") {
      const key = positionals.shift();
      if (key === undefined) throw fail(`unexpected argument "${token}"`);
      seen.add(key);
      continue;
    }
    if (!token.startsWith("--")) throw fail(`unknown option ${token}`);
    const eq = token.indexOf("=");
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : token.slice(eq + 1);
    const found = lookup(name);
    if (!found) {
      const negated = name.startsWith("no-") ? lookup(name.slice(3)) : undefined;
      if (negated?.[1].type === "boolean" && inline === undefined) continue;
      throw fail(`unknown option --${name}`);
    }
    const [key, def] = found;
    seen.add(key);
    if (def.type === "boolean") {
      if (inline !== undefined && inline !== "true" && inline !== "false") {
        throw fail(`--${key} is a switch: use --${key} (or --${key}=false)`);
      }
      continue;
    }
    const value = inline ?? tokens[j + 1];
    if (inline === undefined) j++;
    if (value === undefined || (inline === undefined && value.startsWith("--"))) {
      throw fail(`--${key} needs a value`);
    }
    if (def.type === "enum" && def.options && !def.options.includes(value)) {
      throw fail(`--${key} ${value}: expected one of ${def.options.join(", ")}`);
    }
  }
  for (const [key, def] of Object.entries(defs)) {
    if (def.required && !seen.has(key))
      throw fail(def.type === "positional" ? `missing ${key}` : `missing required option --${key}`);
  }
}

async function helpText(root: AnyCommand, cmd: AnyCommand, path: string[], color: boolean): Promise<string> {
  const meta = (root.meta ?? {}) as { version?: string };
  const parent =
    path.length > 0 ? { meta: { name: nameOf(path.slice(0, -1)), version: meta.version } } : undefined;
  const text = await renderUsage(cmd, parent as AnyCommand | undefined);
  return `${color ? text : Bun.stripANSI(text)}\n`;
}

/**
 * Runs `hlbot` with `argv` (without the executable). Returns the exit code when the command line was
 * answered here (help, version, usage error); after a command ran, its exit code is process.exitCode.
 */
export async function runCli(root: AnyCommand, argv: string[], io: CliIo = defaultIo()): Promise<number> {
  try {
    const { globals, rest, help } = takeGlobals(root, argv);
    if (!help && rest.length === 1 && (rest[0] === "--version" || rest[0] === "-v")) {
      io.out(`${(root.meta as { version?: string } | undefined)?.version ?? "unknown"}\n`);
      return 0;
    }
    const { cmd, path, tokens } = resolveCommand(root, rest, help);
    if (help) {
      io.out(await helpText(root, cmd, path, io.color));
      return 0;
    }
    checkTokens(cmd, path, tokens);
    await runCommand(root, { rawArgs: [...path, ...tokens, ...globals] });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommandLineError) {
      io.err(
        `hlbot: ${error.message}\n${usageLine(error.path, error.command)}\nRun \`${nameOf(error.path)} --help\` for every option.\n`,
      );
      return 2;
    }
    throw error;
  }
}

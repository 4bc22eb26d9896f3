/**
 * The `hlbot` entry around citty's runCommand. citty accepts unknown flags silently and exits 1 on its
 * own errors; this checks the command line first, so a usage error (unknown command or flag, a flag
 * without its value, a bad enum value, a missing required flag or positional, a stray argument) exits 2 with the
 * usage line. The global flags (--config, --db, --log-format) may stand anywhere, before or after the
 * subcommand. --help / -h anywhere prints the command's help (exit 0); help carries no ANSI colour
 * when stdout is not a TTY or NO_COLOR is set.
 */
import { type ArgsDef, type CommandDef, renderUsage, runCommand } from "citty";

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
  // log.ts brings consola (and node:util's inspector) along: loaded only when help is printed.
  get color() {
    return (require("../log.ts") as typeof import("../log.ts")).colorAllowed(process.stdout);
  },
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

/** A subcommand as declared: the command, or a function (lazy import) that yields it. */
type SubCommand = AnyCommand | (() => AnyCommand | Promise<AnyCommand>);

function subCommandsOf(cmd: AnyCommand): Record<string, SubCommand> | null {
  const subs = cmd.subCommands as Record<string, SubCommand> | undefined;
  return subs && Object.keys(subs).length > 0 ? subs : null;
}

/** Loads a lazily declared subcommand (root.ts imports each command's file only when it runs). */
async function loadSubCommand(sub: SubCommand): Promise<AnyCommand> {
  return typeof sub === "function" ? await sub() : sub;
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
  const defs = Object.entries(argsOf(cmd));
  const positionals = defs
    .filter(([, d]) => d.type === "positional")
    .map(([name, d]) => (d.required ? `<${name}>` : `[${name}]`));
  const required = defs
    .filter(([, d]) => d.required && d.type !== "positional")
    .map(([name]) => `--${name} <${name}>`);
  const parts = [
    nameOf(path),
    ...(subs ? [path.length === 0 ? "<command>" : `<${Object.keys(subs).join("|")}>`] : []),
    ...positionals,
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
async function resolveCommand(root: AnyCommand, rest: string[], help: boolean) {
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
    cmd = await loadSubCommand(sub);
    i++;
  }
  return { cmd, path, tokens: rest.slice(i) };
}

/** How to say in one value what a repeated option meant. */
const REPEAT_HINTS: Record<string, string> = {
  sweep: ': give every axis in one, separated by ";" (--sweep "key=a,b;key2=x,y")',
  coins: ": list them in one, comma-separated (--coins BTC,ETH)",
  strategies: ": list them in one, comma-separated",
  by: ": list them in one, comma-separated (--by coin,strategy)",
};

/** Checks a leaf command's own tokens against its argument definitions. */
function checkTokens(cmd: AnyCommand, path: string[], tokens: string[]): void {
  const defs = argsOf(cmd);
  const lookup = (name: string): [string, ArgDef] | undefined => {
    const key = defs[name] ? name : kebab(name);
    const def = defs[key];
    return def ? [key, def] : undefined;
  };
  const fail = (message: string) => new CommandLineError(message, path, cmd);
  const seen = new Set<string>();
  const valued = new Set<string>();
  // Positional arguments in definition order: a bare word fills the next one, a word beyond them is stray.
  const positionals = Object.entries(defs).filter(([, d]) => d.type === "positional");
  let nextPositional = 0;
  for (let j = 0; j < tokens.length; j++) {
    const token = tokens[j] as string;
    if (token === "--") {
      if (j + 1 < tokens.length) throw fail(`unexpected argument "${tokens[j + 1]}"`);
      break;
    }
    if (!token.startsWith("-") || /^-\d/.test(token) || token === "-") {
      const slot = positionals[nextPositional++];
      if (!slot) throw fail(`unexpected argument "${token}"`);
      seen.add(slot[0]);
      continue;
    }
    if (!token.startsWith("--")) throw fail(`unknown option ${token}`);
    const eq = token.indexOf("=");
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : token.slice(eq + 1);
    const found = lookup(name);
    if (!found || found[1].type === "positional") {
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
    // The parser keeps the last value of a repeated option: the earlier ones would be dropped silently.
    if (valued.has(key)) throw fail(`--${key} is given twice; it takes one value${REPEAT_HINTS[key] ?? ""}`);
    valued.add(key);
  }
  for (const [key, def] of Object.entries(defs)) {
    if (def.required && !seen.has(key))
      throw fail(
        def.type === "positional" ? `missing argument <${key}>` : `missing required option --${key}`,
      );
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
    const { cmd, path, tokens } = await resolveCommand(root, rest, help);
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

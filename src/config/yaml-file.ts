/**
 * Reads the YAML config file and the .env beside it as files, turning every way they can be wrong
 * into a ConfigError (exit 2) that names the file, the place and the fix: unreadable (EACCES, a
 * directory), YAML syntax errors with line and column, duplicate keys (which YAML parsers otherwise
 * resolve silently, last one wins).
 */
import { readFileSync, statSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { ConfigError, type ConfigIssue } from "../core/errors.ts";
import { parseDotenv } from "./dotenv.ts";

/** Most aliases a document may expand (a "billion laughs" file is an error, not a hang). */
const MAX_ALIASES = 100;

function whoAmI(): string {
  const uid = process.getuid?.();
  return uid === undefined ? "this user" : `uid ${uid}`;
}

/** The text of a file, or a ConfigError saying why it cannot be read and what to do. */
function readText(path: string, what: string, fix: string): string {
  try {
    if (statSync(path).isDirectory()) {
      throw new ConfigError(path, [{ path: "(file)", message: `is a directory, not ${what}: ${fix}` }]);
    }
    return readFileSync(path, "utf8");
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const message =
      code === "EACCES" || code === "EPERM"
        ? `not readable by ${whoAmI()}: make it readable for the user hlbot runs as (chown/chmod), or ${fix}`
        : `cannot read ${what}: ${(cause as Error).message}`;
    throw new ConfigError(path, [{ path: "(file)", message }], { cause });
  }
}

/** Parses YAML text; errors (syntax, duplicate keys) carry line:column. */
export function parseYaml(text: string, source: string): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    const issues: ConfigIssue[] = doc.errors.map((e) => {
      const at = lines.linePos(e.pos[0]);
      const what =
        e.code === "DUPLICATE_KEY" ? "duplicate key" : `not valid YAML: ${e.message.split("\n")[0]}`;
      return { path: `(yaml) line ${at.line}, column ${at.col}`, message: what };
    });
    throw new ConfigError(source, issues);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw new ConfigError(source, [{ path: "(yaml)", message: (cause as Error).message }], { cause });
  }
}

/** The config file as a mapping of sections (empty file = all defaults). */
export function readYamlFile(path: string): Record<string, unknown> {
  const doc = parseYaml(readText(path, "a config file", "point --config at the YAML file"), path);
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new ConfigError(path, [{ path: "(root)", message: "expected a mapping of sections" }]);
  }
  return doc as Record<string, unknown>;
}

/** The variables of a .env file; a missing file is empty, an unreadable one a ConfigError. */
export function readDotenvFile(path: string): Record<string, string> {
  try {
    statSync(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return {};
  }
  return parseDotenv(readText(path, "a .env file", "remove it (secrets can come from the environment)"));
}

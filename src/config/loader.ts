/**
 * Loads the effective configuration: YAML file (--config / HLBOT_CONFIG / ./config/hlbot.yaml),
 * then the .env beside it, then environment variables `HLBOT_<SECTION>__<KEY>=value` (values parsed
 * as YAML scalars, so numbers and booleans work). The result is validated once; every problem is
 * reported with its key path as a ConfigError (exit 2).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as z from "zod";
import { ConfigError, type ConfigIssue } from "../core/errors.ts";
import { parseDotenv } from "./dotenv.ts";
import { type Config, ConfigSchema } from "./schema.ts";
import { readSecrets, type Secrets } from "./secrets.ts";

export interface LoadedConfig {
  config: Config;
  secrets: Secrets;
  /** The YAML file read, or null when running on defaults. */
  path: string | null;
}

export interface LoadOptions {
  /** Explicit config file (from --config). */
  path?: string;
  /** Environment to read (defaults to process.env); injected for tests. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const ENV_PREFIX = "HLBOT_";
const DEFAULT_PATH = join("config", "hlbot.yaml");

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const processEnv = options.env ?? process.env;
  const explicit = options.path ?? processEnv.HLBOT_CONFIG;
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, DEFAULT_PATH);
  const source = existsSync(path) ? path : null;
  if (explicit && !source)
    throw new ConfigError(path, [{ path: "(file)", message: "config file not found" }]);

  const raw = source ? readYaml(source) : {};
  const dotenvPath = source ? join(dirname(source), ".env") : resolve(cwd, ".env");
  const dotenv = existsSync(dotenvPath) ? parseDotenv(readFileSync(dotenvPath, "utf8")) : {};
  const env = { ...dotenv, ...processEnv };
  applyEnvOverrides(raw, env, source ?? "defaults");

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source ?? "defaults", toIssues(parsed.error));
  const config = parsed.data;
  config.ledger.path = resolve(cwd, config.ledger.path);
  config.live.candidates_path = resolve(cwd, config.live.candidates_path);
  return { config, secrets: readSecrets(env), path: source };
}

function readYaml(path: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = Bun.YAML.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ConfigError(path, [{ path: "(yaml)", message: `not valid YAML: ${detail}` }], { cause });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new ConfigError(path, [{ path: "(root)", message: "expected a mapping of sections" }]);
  }
  return doc as Record<string, unknown>;
}

/** HLBOT_RISK__RISK_FRACTION=0.02 → raw.risk.risk_fraction = 0.02. */
function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Record<string, string | undefined>,
  source: string,
) {
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || name === "HLBOT_CONFIG" || value === undefined) continue;
    const keys = name.slice(ENV_PREFIX.length).toLowerCase().split("__");
    if (keys.length < 2 || keys.some((k) => k === "")) {
      throw new ConfigError(source, [{ path: name, message: "expected HLBOT_<SECTION>__<KEY>" }]);
    }
    let node = raw;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (next === undefined) node[key] = {};
      else if (typeof next !== "object" || next === null) {
        throw new ConfigError(source, [{ path: name, message: `${key} is not a section` }]);
      }
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1)!] = parseScalar(value);
  }
}

function parseScalar(value: string): unknown {
  try {
    return Bun.YAML.parse(value);
  } catch {
    return value;
  }
}

function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: "unknown key" }));
    }
    return [{ path: path || "(root)", message: issue.message }];
  });
}

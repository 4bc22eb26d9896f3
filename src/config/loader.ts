/**
 * Loads the effective configuration: YAML file (--config / HLBOT_CONFIG / ./config/hlbot.yaml),
 * then the .env beside it, then environment variables `HLBOT_<SECTION>__<KEY>=value` (string keys
 * verbatim, others parsed as YAML scalars, so numbers and booleans work). The result is validated
 * once; every problem is reported with its key path (or file, line and column) as a ConfigError (exit 2).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type * as z from "zod";
import { ConfigError, type ConfigIssue } from "../core/errors.ts";
import { applyEnvOverrides } from "./env-overrides.ts";
import { type Config, ConfigSchema } from "./schema.ts";
import { readSecrets, type Secrets } from "./secrets.ts";
import { readDotenvFile, readYamlFile } from "./yaml-file.ts";

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

const DEFAULT_PATH = join("config", "hlbot.yaml");

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const processEnv = options.env ?? process.env;
  const explicit = options.path ?? processEnv.HLBOT_CONFIG;
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, DEFAULT_PATH);
  const source = existsSync(path) ? path : null;
  if (explicit && !source)
    throw new ConfigError(path, [{ path: "(file)", message: "config file not found" }]);

  const raw = source ? readYamlFile(source) : {};
  const dotenv = readDotenvFile(source ? join(dirname(source), ".env") : resolve(cwd, ".env"));
  const env = { ...dotenv, ...processEnv };
  applyEnvOverrides(raw, env, ConfigSchema, source ?? "defaults");

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source ?? "defaults", toIssues(parsed.error));
  const config = parsed.data;
  config.ledger.path = resolve(cwd, config.ledger.path);
  config.live.candidates_path = resolve(cwd, config.live.candidates_path);
  return { config, secrets: readSecrets(env), path: source };
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

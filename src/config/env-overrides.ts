/**
 * Environment overrides `HLBOT_<SECTION>__<KEY>=value` applied onto the raw config. A key the schema
 * types as a string (paths, URLs, tokens, enums) takes the value VERBATIM — YAML would cut `a#b` at the
 * `#` or turn `0x1` into a number; every other key's value is read as a YAML scalar or flow list
 * (`0.005`, `true`, `[BTC, ETH]`).
 */
import { parse } from "yaml";
import type * as z from "zod";
import { ConfigError } from "../core/errors.ts";

const ENV_PREFIX = "HLBOT_";
/** Variables with the prefix that are not overrides. */
const NOT_OVERRIDES = new Set(["HLBOT_CONFIG"]);

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema at `keys` under `schema`, through defaults, optionals and pipes; undefined when unknown. */
export function schemaAt(schema: z.ZodType, keys: string[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = schema;
  for (let i = 0; node; ) {
    const def = defOf(node);
    if (def.innerType) node = def.innerType;
    else if (def.type === "pipe" && def.in) node = def.in;
    else if (i === keys.length) return node;
    else if (def.type === "object")
      node = (node as unknown as { shape: Record<string, z.ZodType> }).shape[keys[i++]!];
    else return undefined;
  }
  return undefined;
}

/** True when the value at `keys` is a string (or string enum) in the schema. */
export function isStringKey(schema: z.ZodType, keys: string[]): boolean {
  const leaf = schemaAt(schema, keys);
  if (!leaf) return false;
  const def = defOf(leaf);
  if (def.type === "string") return true;
  if (def.type === "enum") return true;
  return def.type === "literal" && (def.values ?? []).every((v) => typeof v === "string");
}

/** HLBOT_RISK__RISK_FRACTION=0.02 → raw.risk.risk_fraction = 0.02. */
export function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Record<string, string | undefined>,
  schema: z.ZodType,
  source: string,
): void {
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || NOT_OVERRIDES.has(name) || value === undefined) continue;
    const keys = name.slice(ENV_PREFIX.length).toLowerCase().split("__");
    if (keys.length < 2 || keys.some((k) => k === "")) {
      throw new ConfigError(source, [{ path: name, message: "expected HLBOT_<SECTION>__<KEY>" }]);
    }
    let node = raw;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (next === undefined) node[key] = {};
      else if (typeof next !== "object" || next === null || Array.isArray(next)) {
        throw new ConfigError(source, [{ path: name, message: `${key} is not a section` }]);
      }
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1)!] = isStringKey(schema, keys) ? value : parseScalar(value);
  }
}

function parseScalar(value: string): unknown {
  try {
    return parse(value);
  } catch {
    return value;
  }
}

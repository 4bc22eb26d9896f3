/**
 * `--sweep key=a,b,c`: a sensitivity grid over config keys (dotted paths, e.g. risk.risk_fraction or
 * exits.trail_from_r). Every combination is re-validated by the config schema, so a wrong key or value
 * is a ConfigError naming it.
 */
import type { Config } from "../config/schema.ts";
import { ConfigSchema } from "../config/schema.ts";
import { ConfigError, UsageError } from "../core/errors.ts";

export interface SweepAxis {
  path: string;
  values: unknown[];
}

export function parseSweep(specs: string[]): SweepAxis[] {
  return specs.map((spec) => {
    const m = /^([A-Za-z0-9_.]+)=(.+)$/.exec(spec.trim());
    if (!m) throw new UsageError(`--sweep ${spec}: expected key=value1,value2,…`);
    const values = m[2]!.split(",").map((v) => Bun.YAML.parse(v.trim()));
    return { path: m[1]!, values };
  });
}

/** Every combination of the axes as [label, config] pairs. */
export function expandGrid(
  base: Config,
  axes: SweepAxis[],
): { label: string; config: Config; params: Record<string, unknown> }[] {
  let combos: Record<string, unknown>[] = [{}];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.path]: v })));
  return combos.map((params) => {
    const draft = structuredClone(base) as unknown as Record<string, unknown>;
    for (const path of Object.keys(params)) setPath(draft, path);
    for (const [path, value] of Object.entries(params)) assign(draft, path, value);
    const parsed = ConfigSchema.safeParse(draft);
    if (!parsed.success) {
      throw new ConfigError(
        "--sweep",
        parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      );
    }
    const label = Object.entries(params)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(" ");
    return { label, config: parsed.data, params };
  });
}

function setPath(obj: Record<string, unknown>, path: string): void {
  const keys = path.split(".");
  let node: unknown = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof node !== "object" || node === null || !(k in node))
      throw new UsageError(`--sweep ${path}: no config section "${k}"`);
    node = (node as Record<string, unknown>)[k];
  }
  if (typeof node !== "object" || node === null || !(keys.at(-1)! in node))
    throw new UsageError(`--sweep ${path}: unknown config key`);
}

function assign(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = obj;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

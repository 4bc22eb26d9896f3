/**
 * Identity of a mining or promote run: which trades (model version and source run), which gate config
 * (hash of the mining section and the probation size) and which code produced it.
 */
import type { Config } from "../config/schema.ts";
import { UsageError } from "../core/errors.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import type { ShadowTradeSource } from "../ledger/repos/shadow-trades.ts";
import { getModel, resolveModel } from "../sim/models/index.ts";

export const CODE_VERSION = `${VERSION}+${COMMIT}`;

export function sha256(text: string): string {
  return new Bun.CryptoHasher("sha256").update(text).digest("hex");
}

/** Hash of every setting a gate decision depends on. */
export function gateConfigHash(config: Config): string {
  return sha256(
    JSON.stringify({
      mining: config.mining,
      probation_size_multiplier: config.risk.probation_size_multiplier,
    }),
  );
}

/**
 * The sim_model_version rows carry: a model name (or v1/v2 alias) is resolved against the configured
 * costs and exit settings exactly as the simulator names its rows; any other string is taken literally.
 */
export function resolveModelVersion(config: Config, model?: string): string {
  const name = model ?? config.friction.model;
  try {
    return resolveModel(getModel(name), config.friction, config.exits).version;
  } catch (error) {
    if (error instanceof UsageError) return name;
    throw error;
  }
}

export function tradeSource(config: Config, options: { model?: string; runId?: number }): ShadowTradeSource {
  return { model: resolveModelVersion(config, options.model), runId: options.runId ?? 0 };
}

/** sha256 of the sorted trade ids as comma-separated decimals (reproducible with sqlite3 + sha256sum). */
export function tradesSha256(ids: ArrayLike<number>): string {
  const sorted = Float64Array.from(ids).sort();
  const hasher = new Bun.CryptoHasher("sha256");
  const chunk = 50_000;
  for (let i = 0; i < sorted.length; i += chunk) {
    const part = Array.from(sorted.subarray(i, Math.min(sorted.length, i + chunk))).join(",");
    hasher.update(i === 0 ? part : `,${part}`);
  }
  return hasher.digest("hex");
}

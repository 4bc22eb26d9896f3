/**
 * Identity of a mining or promote run: which trades (model version and source run), which gate config
 * (hash of the mining section and the probation size) and which code produced it.
 */
import type { Config } from "../config/schema.ts";
import { UsageError } from "../core/errors.ts";
import { COMMIT, VERSION } from "../core/version.ts";
import type { ShadowTradeSource } from "../ledger/repos/shadow-trades.ts";
import { configuredModel } from "../sim/models/configured.ts";

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
    return configuredModel(config, name).version;
  } catch (error) {
    if (error instanceof UsageError) return name;
    throw error;
  }
}

export function tradeSource(config: Config, options: { model?: string; runId?: number }): ShadowTradeSource {
  return { model: resolveModelVersion(config, options.model), runId: options.runId ?? 0 };
}

/** sha256 of the sorted trade ids written as consecutive unsigned 64-bit little-endian integers. */
export function tradesSha256(ids: ArrayLike<number>): string {
  // Ids come from a rowid-order scan, so they are nearly always sorted already.
  let ascending = true;
  for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i - 1]! <= ids[i]!;
  const sorted = ascending ? ids : Float64Array.from(ids).sort();
  const words = new Uint32Array(2 * sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    words[2 * i] = id % 4_294_967_296;
    words[2 * i + 1] = Math.floor(id / 4_294_967_296);
  }
  const bytes = new Uint8Array(words.buffer);
  // Uint32Array uses the platform's byte order; every platform Bun runs on is little-endian.
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

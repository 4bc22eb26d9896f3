/**
 * The friction model a config runs under: the named model resolved against the config's costs,
 * global and per-strategy exits and entry options. One function, so the backtest, the daemon, mining's
 * provenance and explain can never name the same config's rows with different `sim_model_version`s.
 */
import type { Config } from "../../config/schema.ts";
import { entryOptions } from "./entry-options.ts";
import { getModel, type ResolvedModel, resolveModel } from "./index.ts";

export function configuredModel(config: Config, name: string = config.friction.model): ResolvedModel {
  return resolveModel(
    getModel(name),
    config.friction,
    config.exits,
    config.strategies,
    entryOptions(config.entries, config.friction.maker_fee_bps),
  );
}

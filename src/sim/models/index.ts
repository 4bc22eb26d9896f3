/**
 * The registry of friction models, and how a model is resolved against the config. A run whose fees,
 * slippage or exit settings differ from the model's canonical values gets a distinct version string
 * (tag + overrides), so rows under different costs can never be mixed by mining.
 */
import type { StrategyExitsConfig } from "../../config/sections/exits.ts";
import { UsageError } from "../../core/errors.ts";
import { strategyExitTags } from "../../engine/strategy-exits.ts";
import { type EntryOptions, entryTags, TAKER_ENTRIES } from "./entry-options.ts";
import { frictionV2 } from "./friction-v2.ts";
import { legacy } from "./legacy.ts";
import type { FrictionModel } from "./model.ts";
import { v3 } from "./v3.ts";
import { v4 } from "./v4.ts";
import { v5 } from "./v5.ts";

export type { FrictionModel } from "./model.ts";

export const MODELS: ReadonlyMap<string, FrictionModel> = new Map(
  [legacy, frictionV2, v3, v4].map((m) => [m.tag, m]),
);

/** Models that price fills from recorded L2 books: they run with a depth source (src/sim/depth). */
export const DEPTH_MODELS: ReadonlyMap<string, FrictionModel> = new Map([v5].map((m) => [m.tag, m]));

const ALL_MODELS: ReadonlyMap<string, FrictionModel> = new Map([...MODELS, ...DEPTH_MODELS]);

/** Short names accepted on the command line. */
const ALIASES: Record<string, string> = { v2: frictionV2.tag, v1: legacy.tag };

/** The exit settings a model was defined with (config defaults). */
export const CANONICAL_EXITS = {
  partial_fraction: 0.5,
  partial_at_r: 1.5,
  trail_from_r: 2,
  trail_distance_r: 1,
  breakeven_after_partial: true,
  breakeven_at_r: null,
} as const;

export function getModel(name: string): FrictionModel {
  const model = ALL_MODELS.get(ALIASES[name] ?? name);
  if (!model)
    throw new UsageError(
      `unknown friction model "${name}" (known: ${[...ALL_MODELS.keys()].join(", ")}, v2)`,
    );
  return model;
}

export interface ExitSettings {
  partial_fraction: number;
  partial_at_r: number;
  trail_from_r: number;
  trail_distance_r: number;
  /** Absent = the canonical value (callers that predate the breakeven keys). */
  breakeven_after_partial?: boolean;
  breakeven_at_r?: number | null;
}

export interface CostSettings {
  taker_fee_bps: number;
  slippage_bps: number;
}

/** A model with the run's costs applied, and the version string its rows carry. */
export interface ResolvedModel extends FrictionModel {
  readonly version: string;
  /** How entries execute (delay, cancel-if-signal-gone, maker); taker at once unless configured. */
  readonly entries: EntryOptions;
}

/**
 * Applies configured costs to a costed model (legacy stays cost-free) and names the result: the bare
 * tag when everything equals the model's canonical values, else tag + "+" + the overrides — global
 * exits first, then each strategy's own exits (`strategies.<name>.exits`, as "name.key=value"), so
 * rows under different exit rules never share a tag.
 */
export function resolveModel(
  model: FrictionModel,
  costs: CostSettings,
  exits: ExitSettings,
  strategies: Readonly<Record<string, { exits?: StrategyExitsConfig }>> = {},
  entries: EntryOptions = TAKER_ENTRIES,
): ResolvedModel {
  const overrides: string[] = [];
  let takerFeeBps = model.takerFeeBps;
  let slippageBps = model.slippageBps;
  if (model.takerFeeBps > 0 || model.slippageBps > 0) {
    if (costs.taker_fee_bps !== model.takerFeeBps) overrides.push(`fee=${costs.taker_fee_bps}`);
    if (costs.slippage_bps !== model.slippageBps) overrides.push(`slip=${costs.slippage_bps}`);
    takerFeeBps = costs.taker_fee_bps;
    slippageBps = costs.slippage_bps;
  }
  if (model.managedExits) {
    for (const k of Object.keys(CANONICAL_EXITS) as (keyof typeof CANONICAL_EXITS)[]) {
      const v = exits[k] === undefined ? CANONICAL_EXITS[k] : exits[k];
      if (v !== CANONICAL_EXITS[k]) overrides.push(`${k}=${v}`);
    }
    overrides.push(...strategyExitTags(strategies));
  }
  // Entry options change what fills on any model, legacy included.
  overrides.push(...entryTags(entries));
  const version = overrides.length ? `${model.tag}+${overrides.join(",")}` : model.tag;
  return Object.freeze({ ...model, takerFeeBps, slippageBps, version, entries });
}

/**
 * Per-strategy exit levels (strategies.<name>.exits) merged over the global `exits.*`: one map built
 * from config, read by the simulated books and the live book alike (book.ts exitRules), so a strategy's
 * partial, breakeven and trail are the same in a backtest, the shadow daemon and live.
 */
import type { ExitsConfig, StrategyExitsConfig } from "../config/sections/exits.ts";
import type { ExitLevels } from "./position-rules.ts";

export interface StrategyExitLevels extends ExitLevels {
  /** The strategy's trail distance when set (wins over the signal's own); null = signal's or global. */
  trailDistanceR: number | null;
}

/** The strategies that override at least one level, each with its full merged levels. */
export function strategyExitLevels(
  exits: ExitsConfig,
  strategies: Readonly<Record<string, { exits?: StrategyExitsConfig }>>,
): ReadonlyMap<string, StrategyExitLevels> {
  const out = new Map<string, StrategyExitLevels>();
  for (const [name, s] of Object.entries(strategies)) {
    const o = s.exits;
    if (!o || Object.values(o).every((v) => v === null)) continue;
    out.set(name, {
      partialFraction: o.partial_fraction ?? exits.partial_fraction,
      partialAtR: o.partial_at_r ?? exits.partial_at_r,
      breakevenAfterPartial: o.breakeven_after_partial ?? exits.breakeven_after_partial,
      breakevenAtR: o.breakeven_at_r ?? exits.breakeven_at_r,
      trailFromR: o.trail_from_r ?? exits.trail_from_r,
      trailDistanceR: o.trail_distance_r,
    });
  }
  return out;
}

/** The overrides as "name.key=value" pairs in a stable order (part of sim_model_version). */
export function strategyExitTags(
  strategies: Readonly<Record<string, { exits?: StrategyExitsConfig }>>,
): string[] {
  const out: string[] = [];
  for (const name of Object.keys(strategies).sort()) {
    const o = strategies[name]!.exits;
    if (!o) continue;
    for (const key of Object.keys(o).sort()) {
      const v = o[key as keyof StrategyExitsConfig];
      if (v !== null) out.push(`${name}.${key}=${v}`);
    }
  }
  return out;
}

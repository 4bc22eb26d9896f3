/**
 * Refuses a sweep axis that cannot change what the sweep ranks, before anything runs (exit 2, with the
 * reason and the mode that would make it matter). An inert axis is worse than wasted time: its
 * duplicate rows count as trials, inflate the Deflated Sharpe's N and make PBO meaningless. Found when
 * sweeping as a user would (issue 15):
 *   - `strategies.*.live.*`, `live.min_score`, `live.shadow_only_strategies` feed only the live path:
 *     inert in --mode shadow (no live path) and in --mode both (ranked on the shadow path);
 *   - score-only keys — `regime.*` (scope, classifier and multipliers), the funding bonus
 *     (`funding_bonus_max`, `funding_tailwind_*`) and every `*_full*` level where a score component is
 *     full — move a candidate's score (and regime its bucket label), but shadow entries are not
 *     score-gated: in a shadow-ranked sweep the score only decides which of several candidates sharing
 *     one setup opens. --mode live ranks on the live account, whose gate is `live.min_score`;
 *   - exits under a model without managed exits, costs under a cost-free model, a strategy that does not
 *     run, and sections a backtest never reads (daemon, api, log, alerts, ledger, mining, …).
 * A sweep that passes may still come out all equal; the sweep report says so (sweep-report.ts).
 */
import type { Config } from "../config/schema.ts";
import { UsageError } from "../core/errors.ts";
import type { BacktestMode } from "./backtest.ts";
import type { FrictionModel } from "./models/index.ts";
import type { SweepAxis } from "./sweep-grid.ts";

/** Sections and keys no backtest reads. */
const NEVER_READ = [
  /^(api|log|alerts|daemon|ledger|mining|prediction_markets)\./,
  /^live\.(candidates_path|entry_slippage_cap_bps|unknown_position_policy|min_stop_move_r|adopt_stop_fraction|reconcile_seconds)$/,
];
const LIVE_ONLY = [/^strategies\.[a-z_]+\.live\./, /^live\.(min_score|shadow_only_strategies)$/];
const SCORE_ONLY = [
  /^regime\./,
  /^strategies\.[a-z_]+\.(live|shadow)\.(funding_bonus_max|funding_tailwind_from_8h|[a-z_]*_full(_[a-z0-9]+)?)$/,
];

export interface RelevanceContext {
  mode: BacktestMode;
  model: FrictionModel;
  /** --strategies (null = every enabled one). */
  strategies: string[] | null;
  config: Config;
}

/** The reason `path` cannot change the sweep's ranking in this context, or null when it can. */
export function inertReason(path: string, ctx: RelevanceContext): string | null {
  if (NEVER_READ.some((re) => re.test(path)))
    return "a backtest never reads it (it configures the daemon, the API, alerts or mining)";
  if (path === "live.candidates_path")
    return "sweeps trade every bucket (--ignore-candidates), so the candidates file is not read";
  const strategy = /^strategies\.([a-z_]+)\./.exec(path)?.[1];
  if (strategy && !path.endsWith(".enabled")) {
    if (ctx.strategies && !ctx.strategies.includes(strategy))
      return `strategy ${strategy} is not in --strategies ${ctx.strategies.join(",")}`;
    const s = (ctx.config.strategies as Record<string, { enabled: boolean }>)[strategy];
    if (s && !s.enabled) return `strategy ${strategy} is disabled (strategies.${strategy}.enabled: false)`;
  }
  if (/^(exits\.|strategies\.[a-z_]+\.exits\.)/.test(path) && !ctx.model.managedExits)
    return `friction model ${ctx.model.tag} does not manage exits (no partial, breakeven or trail): use --model v4 or v5`;
  if (
    /^friction\.(taker_fee_bps|slippage_bps)$/.test(path) &&
    ctx.model.takerFeeBps === 0 &&
    ctx.model.slippageBps === 0
  )
    return `friction model ${ctx.model.tag} is cost-free and ignores configured costs`;
  if (ctx.mode === "live") return null;
  if (LIVE_ONLY.some((re) => re.test(path)))
    return ctx.mode === "shadow"
      ? "it feeds only the live path, and --mode shadow runs none: use --mode live (ranked on the live account)"
      : "it feeds only the live path, and --mode both ranks on the shadow path: use --mode live to rank on the live account";
  if (SCORE_ONLY.some((re) => re.test(path)))
    return `it only moves candidates' score${path.startsWith("regime.") ? " (and the regime in the bucket label)" : ""}, and shadow entries are not score-gated — in a shadow-ranked sweep the score only decides which of several candidates sharing one setup opens: use --mode live, where live.min_score gates entries on the score`;
  return null;
}

/** Throws a UsageError (exit 2) naming every inert axis and why. */
export function checkSweepRelevance(axes: readonly SweepAxis[], ctx: RelevanceContext): void {
  const inert = axes.flatMap((a) => {
    const why = inertReason(a.path, ctx);
    return why ? [`--sweep ${a.path} is refused in --mode ${ctx.mode}: ${why}`] : [];
  });
  if (inert.length) throw new UsageError(inert.join("\n"));
}

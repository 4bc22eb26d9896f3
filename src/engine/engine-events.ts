/**
 * What the engine reports besides decisions and trades: the risk events that change what the live
 * path may do (kill switch, its replay reset, daily loss halt, ruin of a simulated account). The
 * daemon logs them; a backtest turns them into the run's events and counts the candidates they refused.
 */
import type { EquitySnapshot } from "./ports.ts";

export type EngineEvent =
  /** Drawdown from peak reached the floor: live flattened, new entries refused. */
  | { kind: "kill_switch"; t: number; snapshot: EquitySnapshot; floor: number }
  /** Replay rule `reset:N`: lifted N days after it tripped; drawdown is measured from here again. */
  | { kind: "kill_switch_reset"; t: number; since: number; snapshot: EquitySnapshot }
  /** The UTC day's loss reached the limit: no new entries until rollover. */
  | { kind: "daily_halt"; t: number; snapshot: EquitySnapshot; limit: number }
  /** A simulated account's equity reached zero: flattened, and its path ends here. */
  | { kind: "ruin"; t: number; equity: number };

export type EngineEventListener = (event: EngineEvent) => void;

/** How the kill switch behaves in a replay: live's rule (hold to the end), or lift it after N days. */
export type KillSwitchRule = { kind: "halt" } | { kind: "reset"; days: number };

export function killSwitchLabel(rule: KillSwitchRule): string {
  return rule.kind === "halt" ? "halt" : `reset:${rule.days}`;
}

/** `halt` or `reset:N` (N days, > 0); null when the text is neither. */
export function parseKillSwitchRule(text: string): KillSwitchRule | null {
  if (text === "halt") return { kind: "halt" };
  const m = /^reset:(\d+(?:\.\d+)?)$/.exec(text);
  const days = m ? Number(m[1]) : Number.NaN;
  return days > 0 ? { kind: "reset", days } : null;
}

/**
 * What the control channel drives: the running daemon implements `ControlTarget` (src/daemon/
 * control-target.ts). Semantics the implementation must keep:
 * - `pause(paths)` stops NEW entries on those paths (open positions are still managed and exited);
 *   `resume()` lifts every pause (it does not clear the kill switch: that stays `hlbot resume`).
 * - `flatten(coin?)` closes every live position (or that coin's) with reduce-only IOCs, retried each
 *   tick until flat; it answers once the tick that applied it is done, saying what closed and what
 *   is still open.
 * - `close(positionId)` does the same for one position (live, or shadow at the current price).
 * - Actions are applied inside a tick's ledger transaction; an answer comes within CONTROL_REPLY_MS
 *   (saying "queued" when the next tick is further away).
 * A request the daemon will not carry out (no live path, unknown position) throws
 * ControlRefusedError with a message for the operator.
 */
import { BotError } from "../core/errors.ts";

export type TradingPath = "shadow" | "live";
export const TRADING_PATHS: readonly TradingPath[] = ["shadow", "live"];

export interface ControlStatus {
  /** Whether new entries are paused, per path. */
  paused: Record<TradingPath, boolean>;
  /** Whether the live path runs (`--live`). */
  live: boolean;
  /** Coins with a flatten in progress. */
  flattening: string[];
  /** Names of the halts in force (kill_switch, daily_loss_halt, …). */
  halts: string[];
  open_positions: Record<TradingPath, number>;
  /** ms UTC of the last completed tick, null before the first. */
  last_tick_at: number | null;
  /** The daemon's clock now, ms UTC (`hlbot demo` runs an accelerated one): ages are measured on it. */
  now?: number;
}

export interface ActionResult {
  /** One line for the operator, e.g. "flattening 2 live positions: BTC, ETH". */
  message: string;
  details?: Record<string, unknown>;
}

type MaybeAsync<T> = T | Promise<T>;

/** The daemon answers an action within this long, wall ms ("queued" when no tick came by then). */
export const CONTROL_REPLY_MS = 45_000;
/** The server's bound on one action (a target that never answers), wall ms. */
export const CONTROL_ACTION_TIMEOUT_MS = CONTROL_REPLY_MS + 15_000;
/** The client's bound on one request (a daemon that never answers at all), wall ms. */
export const CONTROL_CLIENT_TIMEOUT_MS = CONTROL_ACTION_TIMEOUT_MS + 15_000;

export interface ControlTarget {
  status(): MaybeAsync<ControlStatus>;
  pause(paths: TradingPath[]): MaybeAsync<ActionResult>;
  resume(): MaybeAsync<ActionResult>;
  flatten(coin?: string): MaybeAsync<ActionResult>;
  close(positionId: number): MaybeAsync<ActionResult>;
}

/** The daemon will not do what was asked; the message says why. */
export class ControlRefusedError extends BotError {
  readonly kind = "control_refused";
}

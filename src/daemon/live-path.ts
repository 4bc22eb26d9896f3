/**
 * The seam where the live execution path plugs into `hlbot trade --live`. The daemon needs a
 * `LivePathPort`: the engine's TradingBook (same sizing and exit rules, orders queued during the
 * synchronous tick) plus the asynchronous steps around the tick — `start` (reconcile, leverage,
 * dead-man switch), `beforeTick` (fills, positions, account value from the exchange), `afterTick`
 * (send what the tick queued), `discard` (the tick rolled back: send none of it) — and the live
 * EquityTracker whose state (peak, day start) the daemon persists. This build wires Hyperliquid's
 * live path (src/live/).
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import { SecretError } from "../core/errors.ts";
import { type AccountState, EquityTracker } from "../engine/account.ts";
import type { Journal, TradingBook } from "../engine/ports.ts";
import type { Position } from "../engine/position.ts";
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import type { LiveEventSink } from "../live/events.ts";
import { createLivePath } from "../live/live-path.ts";

export interface LivePathPort {
  readonly book: TradingBook;
  start(): Promise<void>;
  beforeTick(): Promise<void>;
  afterTick(): Promise<void>;
  /** The tick's ledger transaction rolled back: drop its intents, reload open positions from the ledger. */
  discard(restored: Position[]): void;
}

export interface LiveSetup {
  path: LivePathPort;
  account: EquityTracker;
}

export interface LivePathDeps {
  config: Config;
  db: Database;
  /** A client built WITH the live secrets. */
  client: HyperliquidClient;
  journal: Journal;
  clock: Clock;
  modelVersion: string;
  /** Account state persisted by the previous run (peak equity survives restarts). */
  restoredAccount: AccountState | undefined;
  /** Live positions the ledger holds open. */
  restoredPositions: Position[];
  /** Live events (leverage failed, kill flatten unfilled, …) beyond the log. */
  onEvent?: LiveEventSink;
}

export type LivePathFactory = (deps: LivePathDeps) => Promise<LiveSetup>;

/**
 * Hyperliquid's live path. The account starts at the exchange's account value (which already holds
 * every PnL realized before), keeping the persisted peak and day start so the kill switch survives.
 */
export const hyperliquidLivePath: LivePathFactory = async (d) => {
  const address = d.client.accountAddress;
  if (!address) throw new SecretError("the live path needs HL_ACCOUNT_ADDRESS and HL_PRIVATE_KEY");
  const state = await d.client.info.clearinghouseState(address);
  const startEquity = Number(state.marginSummary.accountValue);
  const restored = d.restoredAccount && { ...d.restoredAccount, realized: 0 };
  const account = new EquityTracker("live", startEquity, restored);
  const path = await createLivePath({
    config: d.config,
    client: d.client,
    db: d.db,
    journal: d.journal,
    clock: d.clock,
    account,
    modelVersion: d.modelVersion,
    restored: d.restoredPositions,
    ...(d.onEvent ? { onEvent: d.onEvent } : {}),
  });
  return { path, account };
};

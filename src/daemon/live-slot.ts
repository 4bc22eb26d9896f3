/**
 * Where the live path sits in the daemon (`--live` only): its starter (retrying beside the shadow
 * path), the started path once it joins — at a tick's start, never in the middle of one — the live
 * positions the ledger holds (restored at start and after a rolled-back tick), the recent live events
 * (forwarded to `onLiveEvent` for alerting) and the error that ended it for good, if any.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import type { BotError } from "../core/errors.ts";
import { LedgerJournal } from "../engine/journals.ts";
import type { Position } from "../engine/position.ts";
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import { OpenPositionsRepo } from "../ledger/repos/open-positions.ts";
import { type LiveEvent, type LiveEventSink, LiveEvents } from "../live/events.ts";
import type { LivePathFactory, LiveSetup } from "./live-path.ts";
import { LiveStarter, type LiveStartState } from "./live-start.ts";
import { defaultTrailDistance } from "./session.ts";
import type { DaemonStateStore } from "./state-store.ts";
import { Pause } from "./waits.ts";

/** Most recent live events kept for `stats()`. */
const RECENT_LIVE_EVENTS = 50;

export interface LiveSlotDeps {
  factory: LivePathFactory;
  config: Config;
  db: Database;
  client: HyperliquidClient;
  clock: Clock;
  state: DaemonStateStore;
  modelVersion: string;
  force: boolean;
  onLiveEvent?: LiveEventSink | undefined;
  stopping: () => boolean;
  /** A refusal only a human can lift (exit 2): the daemon stops. */
  onFatal: (error: BotError) => void;
}

export interface LiveSlotStats {
  state: LiveStartState;
  attempts: number;
  lastError: string | null;
  events: LiveEvent[];
}

export class LiveSlot {
  readonly starter: LiveStarter;
  /** The live path once it joined the daemon. */
  setup: LiveSetup | null = null;
  fatal: BotError | null = null;
  /** The live events of the daemon's own live-path checks (e.g. a flatten left incomplete by a tick). */
  readonly events: LiveEvents;
  readonly #d: LiveSlotDeps;
  readonly #pause = new Pause();
  readonly #events: LiveEvent[] = [];
  #pending: LiveSetup | null = null;

  constructor(d: LiveSlotDeps) {
    this.#d = d;
    const onEvent = (e: LiveEvent) => {
      this.#events.push(e);
      if (this.#events.length > RECENT_LIVE_EVENTS) this.#events.shift();
      d.onLiveEvent?.(e);
    };
    const { config, db, client, clock } = d;
    this.events = new LiveEvents(clock, onEvent);
    this.starter = new LiveStarter({
      factory: d.factory,
      deps: () => ({
        config,
        db,
        client,
        clock,
        journal: new LedgerJournal(db, 0, clock),
        modelVersion: d.modelVersion,
        restoredAccount: d.state.account("live"),
        restoredPositions: this.restored(),
        onEvent,
      }),
      force: d.force,
      retry: { initialMs: config.daemon.connect_retry_initial_ms, maxMs: config.daemon.connect_retry_max_ms },
      events: this.events,
      stopping: d.stopping,
      pause: (ms) => this.#pause.for(ms),
      onReady: (setup) => {
        this.#pending = setup;
      },
      onFatal: (error) => {
        this.fatal = error;
        d.onFatal(error);
      },
    });
  }

  /** A live path that started since the last tick joins now; true when it did (rebuild the engine). */
  join(): boolean {
    if (!this.#pending) return false;
    this.setup = this.#pending;
    this.#pending = null;
    return true;
  }

  /** The live positions the ledger holds open. */
  restored(): Position[] {
    const trails = this.#d.state.trails();
    return new OpenPositionsRepo(this.#d.db).list(
      0,
      "live",
      (p) => trails[p.id] ?? defaultTrailDistance(this.#d.config, p.strategy),
    );
  }

  /** Ends a retry's backoff at once (stop requested). */
  wake(): void {
    this.#pause.wake();
  }

  stats(): LiveSlotStats {
    return {
      state: this.starter.state,
      attempts: this.starter.attempts,
      lastError: this.starter.lastError,
      events: [...this.#events],
    };
  }
}

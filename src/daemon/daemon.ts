/**
 * `hlbot trade`: every `engine.tick_seconds`, the live MarketView goes through the same `engine.tick`
 * the backtest calls. One tick: websocket candles and mids in → recorder (bounded wait) → feed view →
 * operator's queued control actions (`hlbot ctl`), engine tick (regime, account, manage, funding,
 * scan, shadow trades, live gate) and the daemon's state, in ONE ledger transaction → (live) send
 * what the tick queued — only when that transaction committed: a rolled-back tick's orders never
 * reach the venue, and none of its control actions holds → answer the control actions, `onTick`
 * (the operator layer: heartbeat, alerts). A failed tick is logged with its kind
 * and counted; the next tick goes on (and rebuilds the engine from the ledger if the failure hit the
 * transaction, so memory never runs ahead of the ledger). The live path joins when it has started
 * (see live-start.ts); until then the shadow path ticks alone.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import type { TickStats } from "../engine/engine.ts";
import { PromotedBuckets } from "../engine/promoted.ts";
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import { realSleep, type Sleep } from "../hyperliquid/rate-limit.ts";
import { AssetCtxsRepo } from "../ledger/repos/asset-ctxs.ts";
import { BookSnapshotsRepo } from "../ledger/repos/book-snapshots.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import { PositionsRepo } from "../ledger/repos/positions.ts";
import { RunEventsRepo } from "../ledger/repos/run-events.ts";
import type { LiveEventSink } from "../live/events.ts";
import { log } from "../log.ts";
import { MarketRecorder, recorderConfig } from "../market/recorder.ts";
import { runEventOf } from "../report/run-events.ts";
import { configuredModel } from "../sim/models/configured.ts";
import type { ResolvedModel } from "../sim/models/index.ts";
import { CandleSink } from "./candle-sink.ts";
import { DaemonControl } from "./control-target.ts";
import { ErrorCounts, errorKind } from "./error-kind.ts";
import { LiveCandles } from "./live-candles.ts";
import { LiveFeed } from "./live-feed.ts";
import type { LivePathFactory, LiveSetup } from "./live-path.ts";
import { LiveSlot, type LiveSlotStats } from "./live-slot.ts";
import { LiveStartError, type LiveStarter } from "./live-start.ts";
import { MidPath } from "./mid-path.ts";
import { persistTick } from "./persist.ts";
import { SeriesSet } from "./series.ts";
import { bootSession, type Session } from "./session.ts";
import { startDaemon } from "./start.ts";
import { DaemonStateStore } from "./state-store.ts";
import { TickRest } from "./tick-rest.ts";
import { Pause } from "./waits.ts";
import { WsSampler } from "./ws-sampler.ts";

const dlog = () => log.withTag("daemon");

export interface DaemonDeps {
  config: Config;
  db: Database;
  /** Built from config.hyperliquid (with the live secrets for --live), sharing `clock`. */
  client: HyperliquidClient;
  clock: Clock;
  /** Sleep for REST pacing (tests pass one that advances their manual clock). */
  sleep?: Sleep;
  /** The live path (`--live`, the client then carries the secrets); null or absent for shadow only. */
  live?: LivePathFactory | null;
  /** `--force`: start the live path despite the consecutive-losing-weeks halt. */
  force?: boolean;
  /** Live events (leverage failed, kill flatten unfilled, live path not starting, …) for alerting. */
  onLiveEvent?: LiveEventSink;
  /**
   * The session's run (backtest_runs, kind trade|demo): the engine's risk events (kill switch, daily
   * halt) are recorded under it in run_events as they happen, in the tick's transaction.
   */
  sessionRunId?: number;
  /**
   * How many times faster than wall time `clock` runs (`hlbot demo`'s accelerated replay; default 1):
   * every wait the daemon times on its clock — the pause between ticks, start-up retries, REST
   * deadlines, the websocket sampler — lasts 1/speed as long in wall time.
   */
  speed?: number;
}

export interface DaemonStats {
  startedAt: number;
  ticks: number;
  lastTickAt: number | null;
  /** The last committed tick; `ms` is its synchronous core (feed, engine, ledger transaction). */
  lastTick: (TickStats & { lateBars: number; funding: number; ms: number }) | null;
  errors: Record<string, number>;
  errorsTotal: number;
  /** Ticks that went on without waiting for the recorder's REST work to finish. */
  restDeferred: number;
  /** Engine sessions built (1 + rebuilds after a failed tick transaction or when the live path joined). */
  boots: number;
  /** The live path (`--live` only): starting (retrying beside shadow), ready, or failed for good. */
  live: LiveSlotStats | null;
}

export class Daemon {
  readonly series: SeriesSet;
  readonly model: ResolvedModel;
  readonly mids: MidPath;
  readonly state: DaemonStateStore;
  readonly errors = new ErrorCounts();
  /** What `hlbot ctl` drives (the ControlTarget the control socket serves). */
  readonly control: DaemonControl;
  /** After every tick (committed or rolled back): the operator layer's heartbeat and checks. */
  onTick: ((now: number, committed: boolean) => void) | null = null;
  session: Session | null = null;
  readonly #live: LiveSlot | null;
  readonly #deps: DaemonDeps;
  readonly #feed: LiveFeed;
  readonly #sink: CandleSink;
  /** The ledger's candles plus the inbox the sink writes (folded at quiet moments and before a boot). */
  readonly #candles: LiveCandles;
  /** Websocket caches → price path and ledger between ticks, and the ledger upkeep at quiet moments. */
  readonly #ws: WsSampler;
  /** The recorder's run and REST mids, each wait bounded by `daemon.rest_deadline_ms`. */
  readonly #rest: TickRest;
  readonly #positions: PositionsRepo;
  readonly #promoted: PromotedBuckets;
  readonly #pause: Pause;
  /** Wall ms per ms of the daemon's clock. */
  readonly #wallPerMs: number;
  readonly #stopped: Promise<void>;
  #stop: () => void = () => {};
  readonly #startedAt: number;
  #sampler: ReturnType<typeof setInterval> | undefined;
  #ticks = 0;
  #boots = 0;
  #lastTickAt: number | null = null;
  #lastTick: DaemonStats["lastTick"] = null;
  #stopping = false;

  constructor(deps: DaemonDeps) {
    this.#deps = deps;
    this.#pause = new Pause(deps.speed);
    this.#wallPerMs = 1 / (deps.speed ?? 1);
    const { config, db, client } = deps;
    this.#startedAt = deps.clock.now();
    this.series = SeriesSet.fromConfig(config);
    this.model = configuredModel(config, config.friction.model);
    this.mids = new MidPath(this.series.coins);
    this.state = new DaemonStateStore(new BotStateRepo(db));
    const candles = new LiveCandles(db);
    this.#candles = candles;
    const funding = new FundingRepo(db);
    this.#positions = new PositionsRepo(db);
    this.#sink = new CandleSink(candles, this.series);
    this.#ws = new WsSampler({
      db,
      ws: client.ws,
      mids: this.mids,
      sink: this.#sink,
      candles,
      onError: (what, error) => this.#count(what, error),
    });
    this.#feed = new LiveFeed(
      { candles, funding },
      this.series,
      this.mids,
      config.daemon.max_bar_age_seconds * 1000,
    );
    this.#rest = new TickRest({
      recorder: new MarketRecorder(
        { transport: client.transport, limiter: client.limiter, sleep: deps.sleep ?? realSleep },
        { candles, funding, assetCtxs: new AssetCtxsRepo(db), books: new BookSnapshotsRepo(db) },
        { ...recorderConfig(config), coins: this.series.coins, intervals: this.series.intervals },
      ),
      client,
      mids: this.mids,
      deadlineMs: () => config.daemon.rest_deadline_ms * this.#wallPerMs,
      errors: this.errors,
      onError: (what, error) => this.#count(what, error),
    });
    this.#promoted = new PromotedBuckets(config.live.candidates_path, (e) =>
      dlog().error(`${e.message}: keeping the last good set of promoted buckets`),
    );
    this.#stopped = new Promise((resolve) => {
      this.#stop = resolve;
    });
    this.#live = deps.live
      ? new LiveSlot({
          factory: deps.live,
          config,
          db,
          client,
          clock: deps.clock,
          state: this.state,
          modelVersion: this.model.version,
          force: deps.force === true,
          onLiveEvent: deps.onLiveEvent,
          stopping: () => this.#stopping,
          onFatal: () => this.requestStop(),
        })
      : null;
    this.control = new DaemonControl({
      db,
      clock: deps.clock,
      state: this.state,
      liveAsked: this.#live !== null,
      live: () => this.live,
      liveLastError: () => this.#live?.starter.lastError ?? null,
      liveEvents: () => this.#live?.events ?? null,
      lastTickAt: () => this.#lastTickAt,
    });
  }

  /** The live path once it started and joined (null in shadow mode and while it is starting). */
  get live(): LiveSetup | null {
    return this.#live?.setup ?? null;
  }

  /** Starts the live path (`--live` only) and retries it beside the shadow path. */
  get liveStarter(): LiveStarter | null {
    return this.#live?.starter ?? null;
  }

  /** A live path that started since the last tick joins now; the engine is rebuilt around its book. */
  #joinLive(): void {
    if (this.#live?.join()) this.session = null;
  }

  get deps(): DaemonDeps {
    return this.#deps;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** Subscribes the feed, starts the live path, tops up history, warms the engine (retries until up). */
  async start(): Promise<void> {
    await startDaemon(this, this.#pause, this.#stopped);
    if (this.#stopping) return;
    this.#joinLive();
    const { config } = this.#deps;
    const interval = config.daemon.ws_sample_ms;
    // Between ticks, websocket data is folded in as it arrives (the tick then finds it in place).
    if (interval > 0)
      this.#sampler = setInterval(() => this.sample(this.#deps.clock.now()), interval * this.#wallPerMs);
    this.boot();
  }

  /** (Re)builds the engine session from the ledger. */
  boot(): void {
    const now = this.#deps.clock.now();
    this.#candles.fold(); // the warm-up reads `candles` alone
    const s = bootSession(
      { ...this.#deps, model: this.model, series: this.series, state: this.state, live: this.live },
      now,
    );
    s.engine.onHalt = (event, t) =>
      dlog().warn(`${event} triggered at ${new Date(t).toISOString()}`, { halts: s.engine.halts });
    const runId = this.#deps.sessionRunId;
    if (runId !== undefined) {
      const events = new RunEventsRepo(this.#deps.db);
      s.engine.onEvent = (e) => events.record(runId, [runEventOf(e, "until hlbot resume")]);
    }
    this.session = s;
    this.#boots++;
    dlog().info(
      `engine warmed from the ledger: ${s.warmedBars} bars, ${s.engine.shadow.open.length} open shadow positions`,
    );
  }

  /**
   * One tick at the clock's now. Never throws: failures are logged and counted. What the live path
   * queued is sent only when the tick's transaction committed; otherwise it is dropped.
   */
  async tick(): Promise<void> {
    const { clock, client } = this.#deps;
    this.#joinLive();
    const now = clock.now();
    this.ingest(now);
    await this.#rest.record(now);
    if (client.ws.state !== "open" || this.mids.size === 0) await this.#rest.mids();
    const live = this.live;
    if (live) await this.#guard("live_sync", () => live.path.beforeTick());
    const committed = this.step(now);
    if (live && committed) await this.#guard("live_flush", () => live.path.afterTick());
    else if (live) {
      dlog().warn("tick rolled back: none of the orders it queued are sent");
      const slot = this.#live!;
      await this.#guard("live_discard", async () => live.path.discard(slot.restored()));
    }
    if (committed && this.session) this.control.settle(this.session.engine);
    // Without a sampler there is no quiet moment between ticks: the inbox is folded after the tick.
    if (!this.#sampler) this.#ws.foldInbox();
    this.onTick?.(now, committed);
  }

  /**
   * The synchronous core of a tick, in ONE ledger transaction: a pending `hlbot resume`, the feed's
   * view, late bars to warm, `engine.tick`, the daemon's state. True when it committed; a failure
   * rolls everything back and the next tick rebuilds the engine from the ledger.
   */
  step(now: number): boolean {
    const started = performance.now();
    if (!this.session) {
      try {
        this.boot();
      } catch (error) {
        this.#count("boot", error);
        this.#sink.takeStored(); // the next session reads the ledger
        return false;
      }
    }
    const session = this.session!;
    session.engine.promoted = this.#promoted.get();
    try {
      const result = this.#deps.db.transaction(() => {
        const resume = this.state.takeResume();
        if (resume) this.#applyResume(session, resume.kill, resume.daily);
        this.control.apply(session.engine, now);
        const feed = this.#feed.next(now, session.cursors, this.#sink.takeStored());
        if (feed.late.length > 0) session.engine.warm({ ...feed.view, closedBars: feed.late, funding: [] });
        const stats = session.engine.tick(feed.view);
        this.control.persist(session.engine, now);
        const moved = feed.view.closedBars.length + feed.late.length + feed.view.funding.length > 0;
        persistTick(
          { store: this.state, positions: this.#positions, live: this.live },
          session,
          moved ? feed.cursors : null,
          now,
          { ticks: this.#ticks + 1, pid: process.pid },
        );
        return { stats, feed };
      })();
      session.cursors = result.feed.cursors;
      this.mids.roll();
      this.#ticks++;
      this.#lastTickAt = now;
      this.#lastTick = {
        ...result.stats,
        lateBars: result.feed.late.length,
        funding: result.feed.view.funding.length,
        ms: performance.now() - started,
      };
      this.#logTick(now);
      return true;
    } catch (error) {
      this.#count("tick", error);
      this.session = null; // memory may be ahead of the rolled-back ledger: rebuild from it next tick
      this.control.rolledBack();
      return false;
    }
  }

  /**
   * Runs until `requestStop()`: ticks on the tick grid (plus the configured offset). `onStarted` is
   * called once the start-up (feed, live path, top-up, warm-up) is done, before the first tick.
   * Throws the error that stopped the live path for good (exit 2: signer, losing weeks); with
   * `once`, throws LiveStartError when the live path did not start (the one tick ran shadow only).
   */
  async run(options: { once?: boolean; onStarted?: () => void } = {}): Promise<void> {
    await this.start();
    if (!this.#stopping) options.onStarted?.();
    const { clock, config } = this.#deps;
    const step = config.engine.tick_seconds * 1000;
    const offset = config.daemon.tick_offset_ms;
    while (!this.#stopping) {
      await this.tick();
      if (options.once) break;
      const now = clock.now();
      const next = Math.floor((now - offset) / step) * step + step + offset;
      if (!this.#stopping) await this.#pause.for(next - now);
    }
    if (this.#live?.fatal) throw this.#live.fatal;
    const starter = this.liveStarter;
    if (options.once && starter && !this.live && !this.#stopping)
      throw new LiveStartError(`the live path did not start: ${starter.lastError ?? "stopped"}`);
  }

  /** Ends the loop after the tick in progress; ends a pause, a start-up step or a retry at once. */
  requestStop(): void {
    this.#stopping = true;
    this.#stop();
    this.#pause.wake();
    this.#live?.wake();
  }

  /** Stops the feed (after `run` returned); waits for a recorder run in flight, within the REST deadline. */
  async close(): Promise<void> {
    this.requestStop(); // ends the live path's retries too
    this.control.shutdown();
    clearInterval(this.#sampler);
    this.#ws.foldInbox();
    // Winding down is real work on the wall clock, at any speed: the ledger closes after it.
    await this.#rest.settle(this.#deps.config.daemon.rest_deadline_ms);
    this.#deps.client.ws.stop();
  }

  stats(): DaemonStats {
    return {
      startedAt: this.#startedAt,
      ticks: this.#ticks,
      lastTickAt: this.#lastTickAt,
      lastTick: this.#lastTick,
      errors: this.errors.toJSON(),
      errorsTotal: this.errors.total,
      restDeferred: this.#rest.deferred,
      boots: this.#boots,
      live: this.#live?.stats() ?? null,
    };
  }

  /** The websocket sampler's step between ticks (src/daemon/ws-sampler.ts). */
  sample(now: number): void {
    this.#ws.sample(now);
  }

  /** Websocket mids and closed bars into the price path and the ledger; returns the bars (0: quiet). */
  ingest(now: number): number {
    return this.#ws.ingest(now);
  }

  /** The sampler's WAL checkpoints so far (count, and the latest one's wall ms). */
  checkpointStats(): { count: number; lastMs: number } {
    return this.#ws.checkpointStats();
  }

  /** The candle-inbox folds so far (count, and the latest one's wall ms and bars). */
  foldStats(): { count: number; lastMs: number; lastRows: number } {
    return this.#ws.foldStats();
  }

  #applyResume(session: Session, kill: boolean, daily: boolean): void {
    const h = session.engine.halts;
    if (kill && h.kill) dlog().warn("hlbot resume: kill switch cleared");
    if (daily && h.dailyHaltDay !== null) dlog().warn("hlbot resume: daily loss halt cleared");
    if (kill) h.kill = null;
    if (daily) h.dailyHaltDay = null;
  }

  async #guard(what: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      this.#count(what, error);
    }
  }

  #count(what: string, error: unknown): void {
    const kind = errorKind(error);
    this.errors.add(kind);
    dlog().warn(`${what} failed (${kind}); the loop goes on`, error);
  }

  #logTick(now: number): void {
    const t = this.#lastTick!;
    const line = `tick ${new Date(now).toISOString()}: ${t.closedBars} bars (+${t.lateBars} late), ${t.candidates} candidates, ${t.shadowOpened} shadow opened, ${t.liveOpened} live opened, ${t.funding} funding, ${t.ms.toFixed(1)} ms`;
    if (t.closedBars + t.candidates + t.liveOpened > 0) dlog().info(line);
    else dlog().debug(line);
  }
}

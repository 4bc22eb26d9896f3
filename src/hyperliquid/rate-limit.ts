/**
 * The one weight limiter every Hyperliquid HTTP caller shares (info, exchange, backfill). Hyperliquid
 * counts weight over a ROLLING minute, so this is a sliding log of (time, weight), not a token bucket
 * (a bucket of the budget refilled per minute lets almost twice the budget out in one minute): a
 * request is admitted only when the weight spent in the last 60 s plus its own fits `1200 ×
 * budgetFraction`. Weight known only after the response (items returned) is logged when charged and
 * delays later callers. Callers queue in order; a 429 pauses everyone for the backoff. The clock is
 * WALL time (never a replay clock) and is injected with its sleep so tests run instantly.
 * Hyperliquid's window outlives the process: with a journal attached (the ledger's bot_state), every
 * spend is saved before its request goes out and a restarted process starts from the saved window,
 * so a restart (systemd `Restart=always`, a crash loop) never spends the same minute's budget twice.
 * A wait of a second or more is logged ("waiting 12 s for rate budget"), never silent.
 */
import { type Clock, MINUTE_MS, wallClock } from "../core/clock.ts";
import { log } from "../log.ts";
import { IP_WEIGHT_PER_MINUTE } from "./weights.ts";

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => Bun.sleep(ms);

/** The rolling window Hyperliquid sums request weight over, ms. */
export const WEIGHT_WINDOW_MS = MINUTE_MS;

export interface WeightLimiterOptions {
  /** Share of the IP budget we allow ourselves (config hyperliquid.weight_budget_fraction). */
  budgetFraction: number;
  /** Wall time (or an accelerated stand-in whose `sleep` moves it); default Date.now. */
  clock?: Clock;
  /** Waits on `clock`'s time; default Bun.sleep. */
  sleep?: Sleep;
  /** The exchange's budget; only tests change it. */
  weightPerMinute?: number;
}

export interface LimiterStats {
  /** Weight spent in the last 60 s (requests and post-hoc extra weight). */
  weightLastMinute: number;
  /** Budget per rolling minute after budgetFraction. */
  capacity: number;
  /** Room left in the current window: capacity − weightLastMinute (negative after an overdraw). */
  tokens: number;
  requests: number;
  /** How many times a caller had to wait, and for how long in total (ms). */
  waits: number;
  waitedMs: number;
  rateLimited429: number;
  blockedUntil: number;
}

interface Spend {
  at: number;
  weight: number;
  /** Restored from the journal (another process's spend): counted, never saved again as ours. */
  foreign?: true;
}

/** The window as a journal stores it: [time ms, weight] pairs and the 429 pause. */
export interface WeightWindow {
  spends: [number, number][];
  blockedUntil: number;
}

/** Where a limiter keeps its window across restarts. `save` must not throw for a full disk either. */
export interface WeightJournal {
  load(now: number): WeightWindow;
  save(window: WeightWindow, now: number): void;
}

/** Waits shorter than this are not worth a log line, ms. */
const LOG_WAIT_FROM_MS = 1_000;

export class WeightLimiter {
  readonly capacity: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  /** Spends of the current window, oldest first, from index #head on. */
  #log: Spend[] = [];
  #head = 0;
  #inWindow = 0;
  #blockedUntil = 0;
  #queue: Promise<void> = Promise.resolve();
  #requests = 0;
  #waits = 0;
  #waitedMs = 0;
  #rateLimited = 0;
  #journal: WeightJournal | null = null;
  #journalFailed = false;
  /** Until when the current wait has been announced in the log. */
  #announcedUntil = 0;

  constructor(options: WeightLimiterOptions) {
    this.capacity = Math.max(
      1,
      Math.floor((options.weightPerMinute ?? IP_WEIGHT_PER_MINUTE) * options.budgetFraction),
    );
    this.#clock = options.clock ?? wallClock;
    this.#sleep = options.sleep ?? realSleep;
  }

  /**
   * Waits (in arrival order) until `weight` fits in the last 60 s, then spends it. A request heavier
   * than the whole budget waits for an empty window and goes out alone.
   */
  acquire(weight: number): Promise<void> {
    const turn = this.#queue.then(() => this.#take(weight));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Spends weight known only after the response (items returned); may overdraw the window. */
  charge(weight: number): void {
    if (weight <= 0) return;
    this.#record(this.#clock.now(), weight);
    this.#save();
  }

  /** A 429 arrived: nobody sends for `ms` (our view of the exchange's window was wrong). */
  backoff(ms: number): void {
    this.#rateLimited++;
    this.#blockedUntil = Math.max(this.#blockedUntil, this.#clock.now() + ms);
    this.#save();
  }

  /**
   * Starts from the window a previous process left in `journal` (spends still inside the last 60 s,
   * and its 429 pause), then saves every spend to it before the request goes out.
   */
  attachJournal(journal: WeightJournal): void {
    const now = this.#clock.now();
    const saved = journal.load(now);
    const foreign = saved.spends.map(
      ([at, weight]): Spend => ({ at: Math.min(at, now), weight, foreign: true }),
    );
    const restored = [...this.#window(now), ...foreign]
      .filter((s) => s.weight > 0 && s.at > now - WEIGHT_WINDOW_MS)
      .sort((a, b) => a.at - b.at);
    this.#log = restored;
    this.#head = 0;
    this.#inWindow = restored.reduce((sum, s) => sum + s.weight, 0);
    this.#blockedUntil = Math.max(this.#blockedUntil, saved.blockedUntil);
    this.#journal = journal;
    this.#save();
  }

  /** Milliseconds until `weight` fits in the window (0 = now). */
  msUntilRoom(weight: number): number {
    const now = this.#clock.now();
    this.#evict(now);
    return Math.max(0, this.#blockedUntil - now, this.#roomAt(Math.min(weight, this.capacity), now) - now);
  }

  /** Sleeps until `weight` fits in the window, without spending it (for callers that pace themselves). */
  async waitForRoom(weight: number): Promise<void> {
    for (let ms = this.msUntilRoom(weight); ms > 0; ms = this.msUntilRoom(weight)) {
      this.#announce(ms);
      this.#waits++;
      this.#waitedMs += ms;
      await this.#sleep(ms);
    }
  }

  stats(): LimiterStats {
    this.#evict(this.#clock.now());
    return {
      weightLastMinute: this.#inWindow,
      capacity: this.capacity,
      tokens: this.capacity - this.#inWindow,
      requests: this.#requests,
      waits: this.#waits,
      waitedMs: this.#waitedMs,
      rateLimited429: this.#rateLimited,
      blockedUntil: this.#blockedUntil,
    };
  }

  async #take(weight: number): Promise<void> {
    const need = Math.min(weight, this.capacity);
    for (;;) {
      const now = this.#clock.now();
      this.#evict(now);
      const blockedFor = this.#blockedUntil - now;
      if (blockedFor <= 0 && this.#inWindow + need <= this.capacity) {
        this.#requests++;
        this.#record(now, weight);
        this.#save();
        return;
      }
      const waitMs = Math.max(1, blockedFor, this.#roomAt(need, now) - now);
      this.#announce(waitMs);
      this.#waits++;
      this.#waitedMs += waitMs;
      await this.#sleep(waitMs);
    }
  }

  /** One log line per wait of a second or more (not one per queued caller). */
  #announce(waitMs: number): void {
    const now = this.#clock.now();
    if (waitMs < LOG_WAIT_FROM_MS || now < this.#announcedUntil) return;
    this.#announcedUntil = now + waitMs;
    const why =
      this.#blockedUntil > now
        ? "after an HTTP 429"
        : `${this.#inWindow}/${this.capacity} weight spent in the last 60 s`;
    log.withTag("hyperliquid").info(`waiting ${Math.ceil(waitMs / 1000)} s for rate budget (${why})`);
  }

  #window(now: number): Spend[] {
    this.#evict(now);
    return this.#log.slice(this.#head);
  }

  #save(): void {
    if (!this.#journal) return;
    const now = this.#clock.now();
    try {
      this.#journal.save(
        {
          spends: this.#window(now).flatMap((s) => (s.foreign ? [] : [[s.at, s.weight] as [number, number]])),
          blockedUntil: this.#blockedUntil,
        },
        now,
      );
      this.#journalFailed = false;
    } catch (error) {
      if (!this.#journalFailed) log.withTag("hyperliquid").warn("cannot save the rate-limit window", error);
      this.#journalFailed = true;
    }
  }

  /** The first time at which enough old spends have left the window for `need` to fit. */
  #roomAt(need: number, now: number): number {
    let left = this.#inWindow;
    if (left + need <= this.capacity) return now;
    for (let i = this.#head; i < this.#log.length; i++) {
      const spend = this.#log[i] as Spend;
      left -= spend.weight;
      if (left + need <= this.capacity) return spend.at + WEIGHT_WINDOW_MS;
    }
    return now; // not reached: an empty window fits any need ≤ capacity
  }

  #record(at: number, weight: number): void {
    this.#evict(at);
    this.#log.push({ at, weight });
    this.#inWindow += weight;
  }

  /** Drops spends at or before now − 60 s (the exchange's window is (now − 60 s, now]). */
  #evict(now: number): void {
    const cutoff = now - WEIGHT_WINDOW_MS;
    while (this.#head < this.#log.length && (this.#log[this.#head] as Spend).at <= cutoff) {
      this.#inWindow -= (this.#log[this.#head] as Spend).weight;
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#log.length) {
      this.#log = this.#log.slice(this.#head);
      this.#head = 0;
    }
  }
}

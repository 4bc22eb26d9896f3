/**
 * The one weight limiter every Hyperliquid HTTP caller shares (info, exchange, backfill): a token
 * bucket of `1200 × budgetFraction` weight refilled evenly over a minute. Callers queue in order;
 * a 429 pauses everyone for the backoff. Clock and sleep are injected so tests run instantly.
 */
import { type Clock, MINUTE_MS, wallClock } from "../core/clock.ts";
import { IP_WEIGHT_PER_MINUTE } from "./weights.ts";

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => Bun.sleep(ms);

export interface WeightLimiterOptions {
  /** Share of the IP budget we allow ourselves (config hyperliquid.weight_budget_fraction). */
  budgetFraction: number;
  clock?: Clock;
  sleep?: Sleep;
  /** The exchange's budget; only tests change it. */
  weightPerMinute?: number;
}

export interface LimiterStats {
  /** Weight spent in the last 60 s (requests and post-hoc extra weight). */
  weightLastMinute: number;
  /** Budget per minute after budgetFraction. */
  capacity: number;
  tokens: number;
  requests: number;
  /** How many times a caller had to wait, and for how long in total (ms). */
  waits: number;
  waitedMs: number;
  rateLimited429: number;
  blockedUntil: number;
}

export class WeightLimiter {
  readonly capacity: number;
  readonly #refillPerMs: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  #tokens: number;
  #updatedAt: number;
  #blockedUntil = 0;
  #queue: Promise<void> = Promise.resolve();
  #spent: { at: number; weight: number }[] = [];
  #requests = 0;
  #waits = 0;
  #waitedMs = 0;
  #rateLimited = 0;

  constructor(options: WeightLimiterOptions) {
    this.capacity = Math.max(
      1,
      Math.floor((options.weightPerMinute ?? IP_WEIGHT_PER_MINUTE) * options.budgetFraction),
    );
    this.#refillPerMs = this.capacity / MINUTE_MS;
    this.#clock = options.clock ?? wallClock;
    this.#sleep = options.sleep ?? realSleep;
    this.#tokens = this.capacity;
    this.#updatedAt = this.#clock.now();
  }

  /** Waits (in arrival order) until `weight` fits in the budget, then spends it. */
  acquire(weight: number): Promise<void> {
    const turn = this.#queue.then(() => this.#take(weight));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  /** Spends weight known only after the response (items returned); may push the bucket below zero. */
  charge(weight: number): void {
    if (weight <= 0) return;
    this.#refill(this.#clock.now());
    this.#tokens -= weight;
    this.#record(weight);
  }

  /** A 429 arrived: nobody sends for `ms`, and the bucket is emptied (our view of the budget was wrong). */
  backoff(ms: number): void {
    const now = this.#clock.now();
    this.#rateLimited++;
    this.#refill(now);
    this.#tokens = Math.min(this.#tokens, 0);
    this.#blockedUntil = Math.max(this.#blockedUntil, now + ms);
  }

  stats(): LimiterStats {
    const now = this.#clock.now();
    this.#refill(now);
    this.#prune(now);
    return {
      weightLastMinute: this.#spent.reduce((sum, s) => sum + s.weight, 0),
      capacity: this.capacity,
      tokens: Math.floor(this.#tokens),
      requests: this.#requests,
      waits: this.#waits,
      waitedMs: this.#waitedMs,
      rateLimited429: this.#rateLimited,
      blockedUntil: this.#blockedUntil,
    };
  }

  async #take(weight: number): Promise<void> {
    // A request heavier than the whole budget waits for a full bucket, then overdraws it.
    const need = Math.min(weight, this.capacity);
    for (;;) {
      const now = this.#clock.now();
      this.#refill(now);
      const blockedFor = this.#blockedUntil - now;
      if (blockedFor <= 0 && this.#tokens >= need) {
        this.#tokens -= weight;
        this.#requests++;
        this.#record(weight);
        return;
      }
      const waitMs = Math.max(1, blockedFor, Math.ceil((need - this.#tokens) / this.#refillPerMs));
      this.#waits++;
      this.#waitedMs += waitMs;
      await this.#sleep(waitMs);
    }
  }

  #refill(now: number): void {
    const elapsed = now - this.#updatedAt;
    if (elapsed > 0) {
      this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.#refillPerMs);
      this.#updatedAt = now;
    }
  }

  #record(weight: number): void {
    const now = this.#clock.now();
    this.#spent.push({ at: now, weight });
    this.#prune(now);
  }

  #prune(now: number): void {
    let drop = 0;
    while (drop < this.#spent.length && (this.#spent[drop]?.at ?? now) <= now - MINUTE_MS) drop++;
    if (drop > 0) this.#spent.splice(0, drop);
  }
}

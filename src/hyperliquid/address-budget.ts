/**
 * Hyperliquid's per-address action budget: 10000 requests initially + 1 per 1 USDC of cumulative
 * traded volume. When used up, one action per 10 s is allowed; cancels get min(cap + 100000, 2 × cap).
 * A batch of n orders counts n. We track it locally (synced from `userRateLimit` when available) and
 * refuse with AddressBudgetError before sending rather than collect rejections from the node.
 */
import { type Clock, wallClock } from "../core/clock.ts";
import { AddressBudgetError } from "./errors.ts";

/** Requests every address starts with. */
export const INITIAL_ADDRESS_REQUESTS = 10_000;
/** Spacing of actions once the budget is used up, ms. */
export const EXHAUSTED_ACTION_INTERVAL_MS = 10_000;
/** Extra headroom cancels get beyond the cap (capped at doubling). */
export const CANCEL_EXTRA_REQUESTS = 100_000;

export type ActionClass = "order" | "cancel" | "other";

export interface AddressBudgetStats {
  used: number;
  cap: number;
  remaining: number;
  cumVolumeUsd: number;
  refused: number;
}

export class AddressBudget {
  readonly #clock: Clock;
  #used = 0;
  #cumVolumeUsd = 0;
  #lastActionAt = Number.NEGATIVE_INFINITY;
  #refused = 0;

  constructor(clock: Clock = wallClock) {
    this.#clock = clock;
  }

  get cap(): number {
    return INITIAL_ADDRESS_REQUESTS + Math.floor(this.#cumVolumeUsd);
  }

  /** Takes the node's own numbers (info `userRateLimit`). */
  sync(state: { cumVlm: number; nRequestsUsed: number }): void {
    this.#cumVolumeUsd = state.cumVlm;
    this.#used = state.nRequestsUsed;
  }

  /** Adds traded volume (USDC notional of our fills) between syncs. */
  recordTraded(notionalUsd: number): void {
    if (notionalUsd > 0) this.#cumVolumeUsd += notionalUsd;
  }

  /** Counts `requests` actions of `kind`, or throws AddressBudgetError without counting. */
  reserve(kind: ActionClass, requests: number): void {
    const now = this.#clock.now();
    const cap = kind === "cancel" ? Math.min(this.cap + CANCEL_EXTRA_REQUESTS, 2 * this.cap) : this.cap;
    if (this.#used + requests > cap) {
      const nextAllowedAt = this.#lastActionAt + EXHAUSTED_ACTION_INTERVAL_MS;
      if (now < nextAllowedAt) {
        this.#refused++;
        throw new AddressBudgetError(
          `address budget exhausted (${this.#used}/${cap} requests); next action allowed in ${nextAllowedAt - now} ms`,
          nextAllowedAt,
        );
      }
    }
    this.#used += requests;
    this.#lastActionAt = now;
  }

  stats(): AddressBudgetStats {
    return {
      used: this.#used,
      cap: this.cap,
      remaining: Math.max(0, this.cap - this.#used),
      cumVolumeUsd: this.#cumVolumeUsd,
      refused: this.#refused,
    };
  }
}

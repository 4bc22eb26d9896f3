/**
 * Executes the live book's intents on Hyperliquid and applies only what the exchange confirmed:
 * an IOC entry that filled becomes a position with a reduce-only stop trigger right behind it; a
 * reduce-only IOC exit that filled becomes a position exit; a stop move places the new trigger first
 * and cancels the old one after (stops.ts), so a position is never left without an exchange stop. Fees and
 * slippage are the exchange's (its fills, against the price the order was based on). One intent that
 * fails never keeps the others from being sent: each is tried, the failures are reported together.
 */
import type { Database } from "bun:sqlite";
import type { StrategyName } from "../../strategies/types.ts";
import type { Clock } from "../core/clock.ts";
import { BotError } from "../core/errors.ts";
import type { Candidate } from "../core/signal.ts";
import type { Journal } from "../engine/ports.ts";
import { direction, type ExitReason, newPosition, type Position } from "../engine/position.ts";
import { openingTrailDistance, stopReason } from "../engine/position-rules.ts";
import { deriveCloid } from "../hyperliquid/cloid.ts";
import type { ExchangeClient } from "../hyperliquid/exchange-client.ts";
import { formatPrice, formatSize } from "../hyperliquid/format.ts";
import type { InfoClient } from "../hyperliquid/info-client.ts";
import { OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import type { LiveEvents } from "./events.ts";
import type { HyperliquidBook, LiveEntryPlan } from "./hyperliquid-book.ts";
import type { Intent } from "./intents.ts";
import { orderFills, slippageCost } from "./order-fills.ts";
import { type SendResult, sendOrder } from "./order-sender.ts";
import { sizeMinus } from "./sizes.ts";
import { StopOrders } from "./stops.ts";

/** Intents of one flush that failed (each logged); the others were sent. */
export class LiveFlushError extends BotError {
  readonly kind = "live_flush";
  constructor(readonly failures: unknown[]) {
    super(`${failures.length} live intent(s) failed; the rest of the queue was sent`, {
      cause: failures[0],
    });
  }
}

/** What an exit's booking knows of its cost: the exchange's fee (null = estimate) and the reference price. */
export interface ExitCosts {
  fee: number | null;
  refPx: number | null;
}

export interface ExecutorDeps {
  book: HyperliquidBook;
  exchange: ExchangeClient;
  info: InfoClient;
  account: string;
  db: Database;
  journal: Journal;
  clock: Clock;
  /** Only for a fee the exchange's fills do not show (yet): taker bps of the notional. */
  takerFeeBps: number;
  events: LiveEvents;
}

export class LiveExecutor {
  readonly orders: OrdersRepo;
  readonly #d: ExecutorDeps;
  readonly #stops: StopOrders;

  constructor(deps: ExecutorDeps) {
    this.#d = deps;
    this.orders = new OrdersRepo(deps.db);
    this.#stops = new StopOrders(deps.book, deps.exchange, this.orders, deps.clock, deps.events);
  }

  /** Sends what the tick queued (the queue is emptied first). */
  async flush(): Promise<void> {
    const queue = this.#d.book.queue;
    this.#d.book.queue = [];
    await this.execute(queue);
  }

  /** Executes intents in order; one that throws is logged and the next goes on. */
  async execute(intents: readonly Intent[]): Promise<void> {
    const failures: unknown[] = [];
    for (const intent of intents) {
      try {
        await this.#run(intent);
      } catch (error) {
        failures.push(error);
        const what = intent.kind === "entry" ? intent.plan.candidate.coin : intent.position.coin;
        this.#d.events.emit(
          "order_failed",
          "warning",
          `live ${intent.kind} on ${what} failed (${error instanceof Error ? error.message : String(error)}); the next tick or reconciliation retries`,
          { coin: what, ...(intent.kind === "entry" ? {} : { positionId: intent.position.id }) },
        );
      }
    }
    if (failures.length) throw new LiveFlushError(failures);
  }

  async #run(intent: Intent): Promise<void> {
    if (intent.kind === "entry") return this.#entry(intent.plan, intent.decisionId);
    const p = intent.position;
    if (p.status !== "open") return;
    if (intent.kind === "stop") return this.#moveStop(p, intent.stopPx);
    if (this.orders.hasPendingExit(p.id)) {
      log.warn(`position ${p.id} ${p.coin}: an earlier exit's outcome is not known yet; not sending another`);
      return;
    }
    const result = await this.#exit(p, intent.reason, intent.size, intent.refPx);
    if (intent.reason === "kill" && result.kind !== "filled")
      this.#d.events.emit(
        "kill_flatten_unfilled",
        "critical",
        `kill switch: flatten of ${p.coin} position ${p.id} did not fill (${result.kind === "rejected" ? result.message : result.kind}); retried next tick`,
        { coin: p.coin, positionId: p.id },
      );
    if (result.kind === "filled" && intent.thenStop !== undefined && p.status === "open")
      await this.#moveStop(p, intent.thenStop);
  }

  async #entry(plan: LiveEntryPlan, decisionId: number | null): Promise<void> {
    const c = plan.candidate;
    const cloid = deriveCloid("hlbot", "entry", decisionId ?? `${c.setupKey}|${c.strategy}`);
    const since = this.#d.clock.now();
    const result = await sendOrder(
      this.#d.exchange,
      this.orders,
      this.#d.clock,
      {
        role: "entry",
        decisionId,
        positionId: null,
        refPx: plan.px,
        request: {
          coin: c.coin,
          isBuy: c.side === "long",
          price: plan.limitPxWire,
          size: plan.sizeWire,
          // A maker entry is post-only: it rests, or the exchange rejects it if it would cross.
          type: { limit: { tif: plan.maker ? "Alo" : "Ioc" } },
          cloid,
        },
      },
      this.#d.events,
    );
    if (plan.maker && result.kind === "resting") {
      this.#d.book.resting.push({
        cloid,
        candidate: c,
        decisionId,
        refPx: plan.px,
        placedAt: since,
        expiresAt: plan.maker.expiresAt,
        cancel: null,
      });
      return;
    }
    if (result.kind === "filled" && result.size > 0) {
      const p = this.openPosition(c, decisionId, { px: result.avgPx, size: result.size, fee: null }, plan.px);
      this.orders.attachPosition(cloid, p.id, this.#d.clock.now());
      await this.placeStop(p, p.stopPx); // protection first; the exchange's fee is read after
      const fills = await orderFills(this.#d.info, this.#d.account, { cloid, oid: result.oid, since });
      if (fills) this.#settleEntryFee(p, fills.fee);
      else log.info(`entry ${cloid}: the exchange's fills do not show yet; fee estimated at taker bps`);
    } else if (result.kind === "rejected")
      log.warn(`live entry ${c.coin} ${c.side} not filled: ${result.message}`);
  }

  /**
   * A live position from a confirmed fill (also used by reconciliation for late-resolved entries and
   * adopted positions); `refPx` is the price the order was based on; `fee` the exchange's (null:
   * estimated at taker bps until known).
   */
  openPosition(
    c: Candidate,
    decisionId: number | null,
    fill: { px: number; size: number; fee: number | null },
    refPx: number,
  ): Position {
    const { px: avgPx, size } = fill;
    const d = direction(c.side);
    const p = newPosition({
      candidate: c,
      mode: "live",
      runId: 0,
      decisionId,
      modelVersion: this.#d.book.modelVersion,
      openedAt: this.#d.clock.now(),
      fill: {
        px: avgPx,
        size,
        fee: fill.fee ?? this.#estimatedFee(avgPx, size),
        slippage: slippageCost(avgPx, refPx, size, d, true),
      },
      leverage: 1,
      liquidationPx: null,
      defaultTrailDistanceR: this.#d.book.options.config.exits.trail_distance_r,
    });
    p.trailDistanceR = openingTrailDistance(
      this.#d.book.options.config.strategies[c.strategy as StrategyName]?.exits.trail_distance_r,
      c.trailDistanceR,
      this.#d.book.options.config.exits.trail_distance_r,
    );
    p.id = this.#d.journal.openPosition(p);
    this.#d.book.open.push(p);
    return p;
  }

  #settleEntryFee(p: Position, fee: number): void {
    const estimate = this.#estimatedFee(p.entryPx, p.initialSize);
    if (fee === estimate) return;
    p.fees += fee - estimate;
    this.#d.journal.updatePosition(p);
  }

  #estimatedFee(px: number, size: number): number {
    return px * size * (this.#d.takerFeeBps / 10_000);
  }

  /** Places the position's exchange stop at `stopPx` (see StopOrders.place). */
  placeStop(p: Position, stopPx: number): Promise<boolean> {
    return this.#stops.place(p, stopPx);
  }

  cancelStop(coin: string, cloid: string): Promise<void> {
    return this.#stops.cancel(coin, cloid);
  }

  async #moveStop(p: Position, stopPx: number): Promise<void> {
    if (await this.placeStop(p, stopPx)) {
      p.stopPx = stopPx;
      this.#d.journal.updatePosition(p);
    }
  }

  /** A reduce-only IOC exit; books what filled, at the exchange's price, fee and slippage. */
  async #exit(p: Position, reason: ExitReason, size: number, refPx: number): Promise<SendResult> {
    const asset = this.#d.book.asset(p.coin);
    if (!asset) return { kind: "rejected", message: `${p.coin} is not listed` };
    const d = direction(p.side);
    const cap = this.#d.book.options.config.live.entry_slippage_cap_bps / 10_000;
    // A flatten (kill switch, `hlbot ctl flatten` / `close`) is its own order role.
    const role =
      reason === "partial" ? "partial" : reason === "kill" || reason === "manual" ? "flatten" : "exit";
    // One cloid per attempt: an IOC that found no liquidity is retried next tick under a new cloid,
    // while an attempt whose outcome is unknown blocks any other until it is resolved.
    const cloid = deriveCloid("hlbot", role, p.id, this.orders.attempts(p.id, role));
    const since = this.#d.clock.now();
    const result = await sendOrder(
      this.#d.exchange,
      this.orders,
      this.#d.clock,
      {
        role,
        reason,
        decisionId: p.decisionId,
        positionId: p.id,
        refPx,
        request: {
          coin: p.coin,
          isBuy: d === -1,
          price: formatPrice(refPx * (1 - d * cap), asset.szDecimals, d === 1 ? "floor" : "ceil"),
          size: formatSize(Math.min(size, p.size), asset.szDecimals),
          reduceOnly: true,
          type: { limit: { tif: "Ioc" } },
          cloid,
        },
      },
      this.#d.events,
    );
    if (result.kind !== "filled" || result.size <= 0) return result;
    const fills = await orderFills(this.#d.info, this.#d.account, { cloid, oid: result.oid, since });
    await this.applyExit(p, reason, result.size, result.avgPx, { fee: fills?.fee ?? null, refPx });
    return result;
  }

  /**
   * Books a confirmed exit at `at` (when the exchange filled it; default now); a full exit closes the
   * position and cancels its exchange stops.
   */
  async applyExit(
    p: Position,
    reason: ExitReason,
    size: number,
    px: number,
    costs: ExitCosts,
    at = this.#d.clock.now(),
  ): Promise<void> {
    const now = at;
    const filled = Math.min(size, p.size);
    const d = direction(p.side);
    const pnl = (px - p.entryPx) * filled * d;
    const fee = costs.fee ?? this.#estimatedFee(px, filled);
    const slippage = slippageCost(px, costs.refPx, filled, d, false);
    const exit = { t: now, px, size: filled, reason, fee, slippage, pnl };
    p.exits.push(exit);
    p.grossPnl += pnl;
    p.fees += fee;
    p.slippage += slippage;
    p.size = Math.max(0, sizeMinus(p.size, filled));
    this.#d.book.forgetHeld(p.coin);
    if (reason === "partial") p.partialDone = true;
    this.#d.journal.recordExit(p, exit);
    if (p.size > 0) {
      // A partial, or an exit the book only partly filled: the rest stays protected by the exchange stop.
      this.#d.journal.updatePosition(p);
      return;
    }
    p.status = "closed";
    p.closedAt = now;
    p.exitReason = reason === "stop" ? stopReason(p) : reason;
    this.#d.journal.updatePosition(p);
    this.#d.book.closed(p, p.exitReason, now);
    for (const stop of this.orders.stopsOf(p.id)) await this.cancelStop(p.coin, stop.cloid);
  }
}

/**
 * Executes the live book's intents on Hyperliquid and applies only what the exchange confirmed:
 * an IOC entry that filled becomes a position with a reduce-only stop trigger right behind it; a
 * reduce-only IOC exit that filled becomes a position exit; a stop move places the new trigger first
 * and cancels the old one after, so a position is never left without an exchange stop.
 */
import type { Database } from "bun:sqlite";
import type { Clock } from "../core/clock.ts";
import type { Candidate } from "../core/signal.ts";
import type { Journal } from "../engine/ports.ts";
import { direction, type ExitReason, newPosition, type Position } from "../engine/position.ts";
import { stopReason } from "../engine/position-rules.ts";
import { deriveCloid } from "../hyperliquid/cloid.ts";
import type { ExchangeClient } from "../hyperliquid/exchange-client.ts";
import { formatPrice, formatSize } from "../hyperliquid/format.ts";
import { OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import type { HyperliquidBook, LiveEntryPlan } from "./hyperliquid-book.ts";
import { sendOrder } from "./order-sender.ts";

/** Worst price a protective stop's market order accepts, beyond the trigger. */
const STOP_MARKET_SLIPPAGE = 0.05;

export class LiveExecutor {
  readonly orders: OrdersRepo;

  constructor(
    private readonly book: HyperliquidBook,
    private readonly exchange: ExchangeClient,
    db: Database,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly takerFeeBps: number,
  ) {
    this.orders = new OrdersRepo(db);
  }

  async flush(): Promise<void> {
    const queue = this.book.queue;
    this.book.queue = [];
    for (const intent of queue) {
      if (intent.kind === "entry") await this.entry(intent.plan, intent.decisionId);
      else if (intent.kind === "exit") {
        const p = intent.position;
        if (p.status !== "open") continue;
        if (this.orders.hasPendingExit(p.id)) {
          log.warn(
            `position ${p.id} ${p.coin}: an earlier exit's outcome is not known yet; not sending another`,
          );
          continue;
        }
        const filled = await this.exit(p, intent.reason, intent.size, intent.refPx);
        if (filled && intent.thenStop !== undefined && p.status === "open")
          await this.moveStop(p, intent.thenStop);
      } else if (intent.position.status === "open") await this.moveStop(intent.position, intent.stopPx);
    }
  }

  private async entry(plan: LiveEntryPlan, decisionId: number | null): Promise<void> {
    const c = plan.candidate;
    const cloid = deriveCloid("hlbot", "entry", decisionId ?? `${c.setupKey}|${c.strategy}`);
    const result = await sendOrder(this.exchange, this.orders, this.clock, {
      role: "entry",
      decisionId,
      positionId: null,
      request: {
        coin: c.coin,
        isBuy: c.side === "long",
        price: plan.limitPxWire,
        size: plan.sizeWire,
        type: { limit: { tif: "Ioc" } },
        cloid,
      },
    });
    if (result.kind === "filled" && result.size > 0) {
      const p = this.openPosition(
        plan.candidate,
        decisionId,
        { px: result.avgPx, size: result.size },
        plan.px,
      );
      this.orders.attachPosition(cloid, p.id, this.clock.now());
      await this.placeStop(p, p.stopPx);
    } else if (result.kind === "rejected")
      log.warn(`live entry ${c.coin} ${c.side} not filled: ${result.message}`);
  }

  /**
   * A live position from a confirmed fill (also used by reconciliation for late-resolved entries and
   * adopted positions); `refPx` is the price the order was based on (slippage = fill − ref).
   */
  openPosition(
    c: Candidate,
    decisionId: number | null,
    fill: { px: number; size: number },
    refPx: number,
  ): Position {
    const now = this.clock.now();
    const { px: avgPx, size } = fill;
    const fee = avgPx * size * (this.takerFeeBps / 10_000);
    const p = newPosition({
      candidate: c,
      mode: "live",
      runId: 0,
      decisionId,
      modelVersion: this.book.modelVersion,
      openedAt: now,
      fill: { px: avgPx, size, fee, slippage: Math.abs(avgPx - refPx) * size },
      leverage: 1,
      liquidationPx: null,
      defaultTrailDistanceR: this.book.options.config.exits.trail_distance_r,
    });
    p.id = this.journal.openPosition(p);
    this.book.open.push(p);
    return p;
  }

  /** Places a reduce-only stop-market trigger for the position's size; then cancels older stops. */
  async placeStop(p: Position, stopPx: number): Promise<boolean> {
    const asset = this.book.asset(p.coin);
    if (!asset) return false;
    const d = direction(p.side);
    const older = this.orders.stopsOf(p.id);
    const cloid = deriveCloid("hlbot", "stop", p.id, this.orders.attempts(p.id, "stop"));
    const trigger = formatPrice(stopPx, asset.szDecimals, "nearest");
    const result = await sendOrder(this.exchange, this.orders, this.clock, {
      role: "stop",
      decisionId: p.decisionId,
      positionId: p.id,
      request: {
        coin: p.coin,
        isBuy: d === -1,
        price: formatPrice(
          stopPx * (1 - d * STOP_MARKET_SLIPPAGE),
          asset.szDecimals,
          d === 1 ? "floor" : "ceil",
        ),
        size: formatSize(p.size, asset.szDecimals),
        reduceOnly: true,
        type: { trigger: { isMarket: true, triggerPx: trigger, tpsl: "sl" } },
        cloid,
      },
    });
    if (result.kind !== "resting") {
      log.error(
        `exchange stop for position ${p.id} ${p.coin} not confirmed (${result.kind}); reconciliation re-arms it`,
      );
      return false;
    }
    for (const old of older) await this.cancelStop(p.coin, old.cloid);
    return true;
  }

  async cancelStop(coin: string, cloid: string): Promise<void> {
    try {
      const [outcome] = await this.exchange.cancelByCloid([{ coin, cloid }]);
      this.orders.update(cloid, "canceled", this.clock.now(), {
        error: outcome?.status === "error" ? outcome.message : null,
      });
    } catch (error) {
      log.warn(`cancel of stop ${cloid} failed; reconciliation retries`, { error });
    }
  }

  private async moveStop(p: Position, stopPx: number): Promise<void> {
    if (await this.placeStop(p, stopPx)) {
      p.stopPx = stopPx;
      this.journal.updatePosition(p);
    }
  }

  /** A reduce-only IOC exit; true when (some of) it filled. */
  private async exit(p: Position, reason: ExitReason, size: number, refPx: number): Promise<boolean> {
    const asset = this.book.asset(p.coin);
    if (!asset) return false;
    const d = direction(p.side);
    const cap = this.book.options.config.live.entry_slippage_cap_bps / 10_000;
    const role = reason === "partial" ? "partial" : reason === "kill" ? "flatten" : "exit";
    // One cloid per attempt: an IOC that found no liquidity is retried next tick under a new cloid,
    // while an attempt whose outcome is unknown blocks any other until it is resolved.
    const cloid = deriveCloid("hlbot", role, p.id, this.orders.attempts(p.id, role));
    const result = await sendOrder(this.exchange, this.orders, this.clock, {
      role,
      reason,
      decisionId: p.decisionId,
      positionId: p.id,
      request: {
        coin: p.coin,
        isBuy: d === -1,
        price: formatPrice(refPx * (1 - d * cap), asset.szDecimals, d === 1 ? "floor" : "ceil"),
        size: formatSize(Math.min(size, p.size), asset.szDecimals),
        reduceOnly: true,
        type: { limit: { tif: "Ioc" } },
        cloid,
      },
    });
    if (result.kind !== "filled" || result.size <= 0) return false;
    await this.applyExit(p, reason, result.size, result.avgPx);
    return true;
  }

  /** Books a confirmed exit; a full exit closes the position and cancels its exchange stops. */
  async applyExit(p: Position, reason: ExitReason, size: number, px: number): Promise<void> {
    const now = this.clock.now();
    const szDecimals = this.book.asset(p.coin)?.szDecimals ?? 8;
    const filled = Math.min(size, p.size);
    const pnl = (px - p.entryPx) * filled * direction(p.side);
    const fee = px * filled * (this.takerFeeBps / 10_000);
    const exit = { t: now, px, size: filled, reason, fee, slippage: 0, pnl };
    p.exits.push(exit);
    p.grossPnl += pnl;
    p.fees += fee;
    p.size = Math.max(0, Number((p.size - filled).toFixed(szDecimals)));
    if (reason === "partial") p.partialDone = true;
    this.journal.recordExit(p, exit);
    if (p.size > 0) {
      // A partial, or an exit the book only partly filled: the rest stays protected by the exchange stop.
      this.journal.updatePosition(p);
      return;
    }
    p.status = "closed";
    p.closedAt = now;
    p.exitReason = reason === "stop" ? stopReason(p) : reason;
    this.journal.updatePosition(p);
    this.book.closed(p, p.exitReason, now);
    for (const stop of this.orders.stopsOf(p.id)) await this.cancelStop(p.coin, stop.cloid);
  }
}

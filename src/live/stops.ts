/**
 * A position's protective exchange stop: a reduce-only stop-market trigger, sized to all the exchange
 * holds on the coin when that is more than the ledger's size (account sync's last reading), placed
 * under the crash-safe order protocol with one cloid per attempt. A new stop goes out first and the
 * older ones are cancelled only once it rests, so a position is never left without one.
 */
import type { Clock } from "../core/clock.ts";
import { direction, type Position } from "../engine/position.ts";
import { deriveCloid } from "../hyperliquid/cloid.ts";
import type { ExchangeClient } from "../hyperliquid/exchange-client.ts";
import { formatPrice, formatSize } from "../hyperliquid/format.ts";
import type { OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import type { LiveEvents } from "./events.ts";
import type { HyperliquidBook } from "./hyperliquid-book.ts";
import { sendOrder } from "./order-sender.ts";

/** Worst price a protective stop's market order accepts, beyond the trigger. */
const STOP_MARKET_SLIPPAGE = 0.05;

export class StopOrders {
  constructor(
    private readonly book: HyperliquidBook,
    private readonly exchange: ExchangeClient,
    private readonly orders: OrdersRepo,
    private readonly clock: Clock,
    /** A stop the exchange did not confirm is raised as `unprotected_position` here. */
    private readonly events: LiveEvents | null = null,
  ) {}

  /**
   * Places a reduce-only stop-market trigger for the position — sized to all the exchange holds on
   * the coin when that is more than the ledger's size (account sync's last reading) — then cancels
   * the older stops. False when the exchange did not confirm it (reconciliation re-arms it).
   */
  async place(p: Position, stopPx: number): Promise<boolean> {
    const asset = this.book.asset(p.coin);
    if (!asset) return false;
    const d = direction(p.side);
    const older = this.orders.stopsOf(p.id);
    const cloid = deriveCloid("hlbot", "stop", p.id, this.orders.attempts(p.id, "stop"));
    const trigger = formatPrice(stopPx, asset.szDecimals, "nearest");
    const size = Math.max(p.size, this.book.heldOf(p) ?? 0);
    const result = await sendOrder(this.exchange, this.orders, this.clock, {
      role: "stop",
      decisionId: p.decisionId,
      positionId: p.id,
      refPx: Number(trigger),
      request: {
        coin: p.coin,
        isBuy: d === -1,
        price: formatPrice(
          stopPx * (1 - d * STOP_MARKET_SLIPPAGE),
          asset.szDecimals,
          d === 1 ? "floor" : "ceil",
        ),
        size: formatSize(size, asset.szDecimals),
        reduceOnly: true,
        type: { trigger: { isMarket: true, triggerPx: trigger, tpsl: "sl" } },
        cloid,
      },
    });
    if (result.kind !== "resting") {
      const why = result.kind === "rejected" ? `rejected: ${result.message}` : result.kind;
      const message = `exchange stop for live ${p.coin} position ${p.id} not confirmed (${why}); reconciliation re-arms it`;
      if (this.events)
        this.events.emit("unprotected_position", "critical", message, { coin: p.coin, positionId: p.id });
      else log.error(message);
      return false;
    }
    for (const old of older) await this.cancel(p.coin, old.cloid);
    return true;
  }

  async cancel(coin: string, cloid: string): Promise<void> {
    try {
      const [outcome] = await this.exchange.cancelByCloid([{ coin, cloid }]);
      this.orders.update(cloid, "canceled", this.clock.now(), {
        error: outcome?.status === "error" ? outcome.message : null,
      });
    } catch (error) {
      log.warn(`cancel of stop ${cloid} failed; reconciliation retries`, { error });
    }
  }
}

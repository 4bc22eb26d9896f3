/**
 * Keeps the ledger and the exchange in agreement — on start, every tick (sync, see AccountSync) and
 * periodically (reconcile): resolve every order whose outcome is unknown by cloid, adopt or flatten
 * positions hlbot does not know, re-arm any missing exchange stop, cancel hlbot's orphan orders.
 * Crash-only: start-up recovery and the periodic check are this one path.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import type { Journal } from "../engine/ports.ts";
import type { InfoClient } from "../hyperliquid/info-client.ts";
import type { OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import { AccountSync } from "./account-sync.ts";
import type { LiveExecutor } from "./executor.ts";
import { averageFillPx } from "./fill-price.ts";
import type { HyperliquidBook } from "./hyperliquid-book.ts";
import { candidateFromDecision, externalCandidate } from "./recovered-candidates.ts";

export class Reconciler {
  private readonly accountSync: AccountSync;
  private readonly orders: OrdersRepo;

  constructor(
    private readonly book: HyperliquidBook,
    private readonly executor: LiveExecutor,
    private readonly info: InfoClient,
    private readonly account: string,
    private readonly db: Database,
    private readonly journal: Journal,
    private readonly clock: Clock,
    private readonly config: Config,
  ) {
    this.orders = executor.orders;
    this.accountSync = new AccountSync(book, executor, info, account, db, clock);
  }

  /** Every tick: orders whose outcome is unknown are resolved first, then see AccountSync. */
  async sync(): Promise<void> {
    if (this.orders.unresolved().length) await this.resolveOrders();
    await this.accountSync.run();
  }

  /** Start-up and periodic: unknown orders, unknown positions, missing stops, orphan orders. */
  async reconcile(): Promise<void> {
    await this.resolveOrders();
    await this.sync();
    await this.adoptUnknownPositions();
    await this.protectAndClean();
  }

  private async resolveOrders(): Promise<void> {
    for (const row of this.orders.unresolved()) {
      const status = await this.info.orderStatus(this.account, row.cloid);
      const now = this.clock.now();
      if (status.status === "unknownOid") {
        this.orders.update(row.cloid, "canceled", now, { error: "never reached the exchange" });
        continue;
      }
      const { order, status: st } = status.order;
      const filled = Number(order.origSz) - Number(order.sz);
      if (st === "open" || st === "triggered")
        this.orders.update(row.cloid, "resting", now, { oid: order.oid });
      else if (st === "filled" || filled > 0) {
        const px = await this.averageFillPx(row.cloid, order.oid, row.created_at, Number(order.limitPx));
        this.orders.update(row.cloid, "filled", now, { oid: order.oid, filled: String(filled) });
        if (row.role === "entry" && row.position_id === null && row.decision_id !== null) {
          const candidate = candidateFromDecision(this.db, row.decision_id);
          if (candidate) {
            const p = this.executor.openPosition(candidate, row.decision_id, { px, size: filled }, px);
            this.orders.attachPosition(row.cloid, p.id, now);
            log.warn(`entry ${row.cloid} resolved as filled after restart: position ${p.id} opened`);
          }
        }
      } else this.orders.update(row.cloid, "canceled", now, { oid: order.oid, error: st });
    }
  }

  /** Size-weighted fill price of one order from the exchange's fills (the limit price if none is found). */
  private async averageFillPx(cloid: string, oid: number, since: number, fallback: number): Promise<number> {
    const fills = (await this.info.userFillsByTime(this.account, since - 60_000)).filter(
      (f) => f.oid === oid || f.cloid?.toLowerCase() === cloid,
    );
    return averageFillPx(fills) ?? fallback;
  }

  private async adoptUnknownPositions(): Promise<void> {
    const state = await this.info.clearinghouseState(this.account);
    const known = new Set(this.book.open.map((p) => p.coin));
    for (const { position: e } of state.assetPositions) {
      const szi = Number(e.szi);
      if (szi === 0 || known.has(e.coin) || !this.book.asset(e.coin)) continue;
      const entry = Number(e.entryPx ?? 0);
      const candidate = externalCandidate(
        e.coin,
        szi > 0 ? "long" : "short",
        entry,
        this.config.live.adopt_stop_fraction,
        this.clock.now(),
      );
      const p = this.executor.openPosition(candidate, null, { px: entry, size: Math.abs(szi) }, entry);
      p.external = true;
      this.journal.updatePosition(p);
      if (this.config.live.unknown_position_policy === "flatten") {
        log.warn(`unknown ${e.coin} position of ${szi}: flattening (policy flatten)`);
        this.book.queue.push({ kind: "exit", position: p, reason: "external", size: p.size, refPx: entry });
        await this.executor.flush();
      } else
        log.warn(
          `unknown ${e.coin} position of ${szi}: adopted as position ${p.id} with a stop at ${p.stopPx}`,
        );
    }
  }

  private async protectAndClean(): Promise<void> {
    const open = await this.info.frontendOpenOrders(this.account);
    const onExchange = new Set(open.map((o) => o.cloid?.toLowerCase()).filter(Boolean));
    for (const p of this.book.open) {
      const stops = this.orders.stopsOf(p.id).filter((s) => onExchange.has(s.cloid));
      const protectedOnExchange =
        stops.length > 0 || open.some((o) => o.coin === p.coin && o.isTrigger && o.reduceOnly);
      if (!protectedOnExchange) {
        log.warn(`live ${p.coin} position ${p.id} has no exchange stop: re-arming at ${p.stopPx}`);
        await this.executor.placeStop(p, p.stopPx);
      }
    }
    const active = new Set(
      this.book.open.flatMap((p) =>
        this.orders
          .stopsOf(p.id)
          .slice(-1)
          .map((s) => s.cloid),
      ),
    );
    for (const o of open) {
      const cloid = o.cloid?.toLowerCase();
      if (!cloid || active.has(cloid) || !this.orders.get(cloid)) continue; // not ours, or in use
      log.info(`cancelling orphan order ${cloid} on ${o.coin}`);
      await this.executor.cancelStop(o.coin, cloid);
    }
  }
}

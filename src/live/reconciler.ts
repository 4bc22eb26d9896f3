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
import type { LiveEvents } from "./events.ts";
import type { LiveExecutor } from "./executor.ts";
import type { HyperliquidBook } from "./hyperliquid-book.ts";
import { orderFills } from "./order-fills.ts";
import { candidateFromDecision, externalCandidate } from "./recovered-candidates.ts";
import { sizeMinus } from "./sizes.ts";

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
    private readonly events: LiveEvents,
  ) {
    this.orders = executor.orders;
    this.accountSync = new AccountSync(book, executor, info, account, db, clock, events);
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
      // Exact: "3.3" − "1.1" is 2.2 (never 2.1999999999999997, which a stop would floor to 2.1).
      const filled = sizeMinus(order.origSz, order.sz);
      if (st === "open" || st === "triggered")
        this.orders.update(row.cloid, "resting", now, { oid: order.oid });
      else if (st === "filled" || filled > 0) {
        const fills = await orderFills(this.info, this.account, {
          cloid: row.cloid,
          oid: order.oid,
          since: row.created_at,
        });
        const px = fills?.px ?? Number(order.limitPx);
        this.orders.update(row.cloid, "filled", now, {
          oid: order.oid,
          filled: String(filled),
          avgPx: String(px),
        });
        if (row.role === "entry" && row.position_id === null && row.decision_id !== null) {
          const candidate = candidateFromDecision(this.db, row.decision_id);
          if (candidate) {
            const refPx = row.ref_px === null ? px : Number(row.ref_px);
            const fill = { px, size: filled, fee: fills?.fee ?? null };
            const p = this.executor.openPosition(candidate, row.decision_id, fill, refPx);
            this.orders.attachPosition(row.cloid, p.id, now);
            log.warn(`entry ${row.cloid} resolved as filled after restart: position ${p.id} opened`);
          }
        }
      } else this.orders.update(row.cloid, "canceled", now, { oid: order.oid, error: st });
    }
  }

  private async adoptUnknownPositions(): Promise<void> {
    const state = await this.info.clearinghouseState(this.account);
    // A coin with a resting maker entry: a position there is that entry's fill (MakerEntries books it).
    const known = new Set([
      ...this.book.open.map((p) => p.coin),
      ...this.book.resting.map((r) => r.candidate.coin),
    ]);
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
      // Not our trade: no fee or slippage of ours to book.
      const fill = { px: entry, size: Math.abs(szi), fee: 0 };
      const p = this.executor.openPosition(candidate, null, fill, entry);
      p.external = true;
      this.journal.updatePosition(p);
      const about = { coin: e.coin, positionId: p.id, details: { size: e.szi, stopPx: p.stopPx } };
      if (this.config.live.unknown_position_policy === "flatten") {
        log.warn(`unknown ${e.coin} position of ${szi}: flattening (policy flatten)`);
        const mark = Number(e.positionValue) / Math.abs(szi);
        await this.executor.execute([
          { kind: "exit", position: p, reason: "external", size: p.size, refPx: mark > 0 ? mark : entry },
        ]);
        if (p.status === "closed")
          this.events.emit(
            "reconcile_flattened",
            "warning",
            `unknown ${e.coin} position of ${szi} flattened`,
            about,
          );
        else
          this.events.emit(
            "reconcile_adopted",
            "warning",
            `unknown ${e.coin} position of ${szi}: the flatten did not fill; kept as position ${p.id} with a stop at ${p.stopPx}`,
            about,
          );
      } else
        this.events.emit(
          "reconcile_adopted",
          "warning",
          `unknown ${e.coin} position of ${szi}: adopted as position ${p.id} with a stop at ${p.stopPx}`,
          about,
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
        this.events.emit(
          "unprotected_position",
          "critical",
          `live ${p.coin} position ${p.id} has no exchange stop: re-arming it at ${p.stopPx}`,
          { coin: p.coin, positionId: p.id },
        );
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
    const resting = new Set(this.book.resting.map((r) => r.cloid));
    for (const o of open) {
      const cloid = o.cloid?.toLowerCase();
      if (!cloid || active.has(cloid) || resting.has(cloid) || !this.orders.get(cloid)) continue; // not ours, or in use
      log.info(`cancelling orphan order ${cloid} on ${o.coin}`);
      await this.executor.cancelStop(o.coin, cloid);
    }
  }
}

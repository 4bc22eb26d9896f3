/**
 * Maker entries on Hyperliquid: the post-only (ALO) entries the executor placed rest on the exchange
 * until they fill, expire or lose their signal. Before every tick (and before reconciliation, which
 * must not take a filled ALO for an unknown position nor cancel a resting one as an orphan) each is
 * looked up by cloid: a fill — whole or partial — becomes the position (the exchange's price and
 * maker fee, a reduce-only stop right behind it; the unfilled rest is cancelled first); an order past
 * its expiry, or one the engine dropped (cancel-if-signal-gone), is cancelled by cloid; one the
 * exchange cancelled is forgotten. After a restart the resting entries are read back from the orders
 * table (role entry, status resting, no position) with their expiry from the decision's timeframe.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { Clock } from "../core/clock.ts";
import { intervalMs } from "../core/intervals.ts";
import type { ExchangeClient } from "../hyperliquid/exchange-client.ts";
import type { InfoClient } from "../hyperliquid/info-client.ts";
import type { OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import type { LiveExecutor } from "./executor.ts";
import type { HyperliquidBook, RestingLiveEntry } from "./hyperliquid-book.ts";
import { orderFills } from "./order-fills.ts";
import { candidateFromDecision } from "./recovered-candidates.ts";
import { sizeMinus } from "./sizes.ts";

export interface MakerEntriesDeps {
  book: HyperliquidBook;
  executor: LiveExecutor;
  exchange: ExchangeClient;
  info: InfoClient;
  account: string;
  db: Database;
  clock: Clock;
  config: Config;
}

interface RestingRow {
  cloid: string;
  decision_id: number | null;
  ref_px: string | null;
  created_at: number;
}

export class MakerEntries {
  readonly #d: MakerEntriesDeps;
  readonly #orders: OrdersRepo;

  constructor(deps: MakerEntriesDeps) {
    this.#d = deps;
    this.#orders = deps.executor.orders;
  }

  /** Reads back the entries the ledger says rest on the exchange (start-up, after a restart). */
  recover(): void {
    const rows = this.#d.db
      .query(
        "SELECT cloid, decision_id, ref_px, created_at FROM orders WHERE role = 'entry' AND order_type = 'alo' AND status = 'resting' AND position_id IS NULL ORDER BY id",
      )
      .all() as RestingRow[];
    const known = new Set(this.#d.book.resting.map((r) => r.cloid));
    const bars = this.#d.config.entries.maker.expiry_bars;
    for (const row of rows) {
      if (known.has(row.cloid) || row.decision_id === null) continue;
      const candidate = candidateFromDecision(this.#d.db, row.decision_id);
      if (!candidate) continue;
      this.#d.book.resting.push({
        cloid: row.cloid,
        candidate,
        decisionId: row.decision_id,
        refPx: row.ref_px === null ? 0 : Number(row.ref_px),
        placedAt: row.created_at,
        expiresAt: row.created_at + bars * intervalMs(candidate.timeframe),
        cancel: null,
      });
    }
  }

  /** Looks every resting entry up on the exchange: fills become positions, expired or dropped ones are cancelled. */
  async poll(): Promise<void> {
    const book = this.#d.book;
    if (book.resting.length === 0) return;
    const kept: RestingLiveEntry[] = [];
    for (const r of book.resting) if (!(await this.#step(r))) kept.push(r);
    book.resting = kept;
  }

  /** One resting entry; true when it is done with (filled, cancelled or gone). */
  async #step(r: RestingLiveEntry): Promise<boolean> {
    const { info, account, clock } = this.#d;
    const status = await info.orderStatus(account, r.cloid);
    const now = clock.now();
    if (status.status === "unknownOid") {
      this.#orders.update(r.cloid, "canceled", now, { error: "not on the exchange" });
      return this.#finish(r);
    }
    const { order, status: st } = status.order;
    const filled = sizeMinus(order.origSz, order.sz);
    if (filled > 0) {
      if (st === "open" && !(await this.#cancel(r, "partly filled"))) return false;
      await this.#open(r, order.oid, filled, Number(order.limitPx));
      return this.#finish(r);
    }
    if (st !== "open") {
      this.#orders.update(r.cloid, "canceled", now, { oid: order.oid, error: st });
      return this.#finish(r);
    }
    const why = r.cancel ?? (now >= r.expiresAt ? "expired" : null);
    if (why === null) return false;
    if (!(await this.#cancel(r, why))) return false;
    this.#orders.update(r.cloid, "canceled", now, { oid: order.oid, error: why });
    log.info(`maker entry ${r.cloid} ${r.candidate.coin} cancelled (${why})`);
    return this.#finish(r);
  }

  #finish(_r: RestingLiveEntry): true {
    return true;
  }

  /** Cancels by cloid; false when the exchange refused (it may have filled meanwhile: looked up again next tick). */
  async #cancel(r: RestingLiveEntry, why: string): Promise<boolean> {
    const [outcome] = await this.#d.exchange.cancelByCloid([{ coin: r.candidate.coin, cloid: r.cloid }]);
    if (outcome?.status === "success") return true;
    log.warn(
      `maker entry ${r.cloid} (${why}): cancel not confirmed (${outcome?.status === "error" ? outcome.message : "unknown"}); looked up again next tick`,
    );
    return false;
  }

  /** The filled part of a maker entry as a live position, protected by its exchange stop at once. */
  async #open(r: RestingLiveEntry, oid: number, size: number, limitPx: number): Promise<void> {
    const { executor, info, account, clock } = this.#d;
    const fills = await orderFills(info, account, { cloid: r.cloid, oid, since: r.placedAt });
    const px = fills?.px ?? limitPx;
    this.#orders.update(r.cloid, "filled", clock.now(), { oid, filled: String(size), avgPx: String(px) });
    const p = executor.openPosition(
      r.candidate,
      r.decisionId,
      { px, size, fee: fills?.fee ?? null },
      r.refPx || px,
    );
    this.#orders.attachPosition(r.cloid, p.id, clock.now());
    await executor.placeStop(p, p.stopPx);
  }
}

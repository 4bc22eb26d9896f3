/**
 * The per-tick half of reconciliation: the exchange's account value and free margin, positions it
 * closed or reduced while we could not see it (stop fired, liquidation, manual close) booked with the
 * right reason, price, fee and slippage from its fills, every new fill stored (deduplicated by trade
 * id) with its position, the hourly funding payments the exchange charged — and a stop re-armed
 * whenever the exchange holds more on a coin than the position's stop covers.
 */
import type { Database } from "bun:sqlite";
import { type Clock, HOUR_MS } from "../core/clock.ts";
import type { ExitReason, Position } from "../engine/position.ts";
import type { InfoClient } from "../hyperliquid/info-client.ts";
import type { Position as ExchangePosition, Fill } from "../hyperliquid/schemas/account.ts";
import { type FillRow, FillsRepo } from "../ledger/repos/fills.ts";
import type { OrdersRepo } from "../ledger/repos/orders.ts";
import { log } from "../log.ts";
import type { LiveEvents } from "./events.ts";
import type { LiveExecutor } from "./executor.ts";
import { fillTotals } from "./fill-price.ts";
import type { HyperliquidBook } from "./hyperliquid-book.ts";
import { sizeMinus } from "./sizes.ts";

type SyncFill = Pick<
  Fill,
  "coin" | "dir" | "cloid" | "liquidation" | "time" | "oid" | "px" | "sz" | "fee" | "tid"
>;

/** A stored fill of one of our stops, as the sync reads fills (a stop's fill is a reduce-only close). */
function storedStopFill(r: FillRow): SyncFill {
  return {
    coin: r.coin,
    dir: "Close",
    cloid: r.cloid,
    time: r.t,
    oid: r.oid,
    px: r.px,
    sz: r.sz,
    fee: r.fee,
    tid: r.tid,
  };
}

export class AccountSync {
  private readonly fills: FillsRepo;
  private readonly orders: OrdersRepo;
  private fundingHour = -1;

  constructor(
    private readonly book: HyperliquidBook,
    private readonly executor: LiveExecutor,
    private readonly info: InfoClient,
    private readonly account: string,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly events: LiveEvents,
  ) {
    this.fills = new FillsRepo(db);
    this.orders = executor.orders;
  }

  /** Every tick: account value, positions the exchange closed, reduced or holds more of, fills, funding. */
  async run(): Promise<void> {
    const state = await this.info.clearinghouseState(this.account);
    this.book.accountValue = Number(state.marginSummary.accountValue);
    this.book.withdrawable = Number(state.withdrawable);
    const exchange = new Map(state.assetPositions.map((a) => [a.position.coin, a.position]));
    for (const p of this.book.open) this.book.setHeld(p.coin, Number(exchange.get(p.coin)?.szi ?? 0));
    const fresh = await this.recordFills();
    await this.recordFunding();
    for (const p of [...this.book.open]) {
      const e = exchange.get(p.coin);
      const held = e ? Math.abs(Number(e.szi)) : 0;
      if (e?.cumFunding) {
        p.funding = Number(e.cumFunding.sinceOpen);
        p.liquidationPx = e.liquidationPx === null ? null : Number(e.liquidationPx);
      }
      if (held < p.size) await this.exchangeReduced(p, held, fresh);
      else if (e) await this.protectAll(p, e);
    }
  }

  /**
   * The exchange holds at least the ledger's size: when its last stop covers less than that (a
   * stop sized before a late fill was known, or a position added to by hand), re-arm it for all of it.
   */
  private async protectAll(p: Position, e: ExchangePosition): Promise<void> {
    const held = Math.abs(Number(e.szi));
    const stop = this.orders.stopsOf(p.id).at(-1);
    const covered = stop ? Number(stop.size) : 0;
    if (covered >= held) return;
    this.events.emit(
      "unprotected_position",
      "warning",
      `live ${p.coin} position ${p.id}: the exchange holds ${e.szi}, its stop covers ${stop ? stop.size : "nothing"} (ledger ${p.size}) → re-arming the stop for all of it`,
      { coin: p.coin, positionId: p.id },
    );
    await this.executor.placeStop(p, p.stopPx);
  }

  /**
   * Stores fills not seen before (deduplicated by trade id) and returns them. Times are the exchange's:
   * the query starts at the newest stored fill, never at a time of our own clock.
   */
  private async recordFills(): Promise<Fill[]> {
    const fills = await this.info.userFillsByTime(this.account, this.fills.lastFillTime() ?? 0);
    const fresh: Fill[] = [];
    for (const f of fills) {
      if (f.tid === undefined) continue;
      const positionId = f.cloid ? (this.orders.get(f.cloid.toLowerCase())?.position_id ?? null) : null;
      const added = this.fills.add({
        tid: f.tid,
        oid: f.oid,
        cloid: f.cloid ?? null,
        coin: f.coin,
        side: f.side,
        px: f.px,
        sz: f.sz,
        fee: f.fee,
        closedPnl: f.closedPnl,
        t: f.time,
        hash: f.hash,
        positionId,
      });
      if (added) fresh.push(f);
    }
    return fresh;
  }

  /** Hourly funding payments since the newest stored one (exchange time), into funding_payments. */
  private async recordFunding(): Promise<void> {
    // Funding is paid on the hour: one query per hour is enough.
    const hour = Math.floor(this.clock.now() / HOUR_MS);
    if (hour === this.fundingHour) return;
    this.fundingHour = hour;
    const since = this.fills.lastFundingTime();
    const events = await this.info.userFunding(this.account, since === null ? 0 : since + 1);
    for (const e of events)
      this.fills.addFunding(e.delta.coin, e.time, e.delta.usdc, e.delta.szi, e.delta.fundingRate);
  }

  /**
   * The exchange holds less than the ledger: the position's exchange stop fired, it was liquidated,
   * or someone closed it by hand. Stop fills are found by the stop's cloid; otherwise the new closing
   * fills on the coin tell the price. Fee from those fills; slippage against our order's reference
   * (a stop's trigger) — none for a close that was not ours.
   */
  private async exchangeReduced(p: Position, exchangeSize: number, fresh: Fill[]): Promise<void> {
    const mine = new Map(
      (
        this.db
          .query("SELECT cloid, role, status, reason, ref_px FROM orders WHERE position_id = ?1")
          .all(p.id) as {
          cloid: string;
          role: string;
          status: string;
          reason: string | null;
          ref_px: string | null;
        }[]
      ).map((r) => [r.cloid, r]),
    );
    // A stop not marked filled was never booked, but its fills may be stored already: by an earlier
    // sync that still saw the position held (the stop fired between the two queries), or by a process
    // killed before it booked them. They are not among this sync's fresh fills; without them the
    // close would be booked as external, at the trigger, with no fee.
    const unbooked = [...mine.values()].filter((o) => o.role === "stop" && o.status !== "filled");
    const seen = new Set(fresh.map((f) => f.tid));
    const earlier = this.fills
      .ofCloids(unbooked.map((o) => o.cloid))
      .filter((r) => !seen.has(r.tid))
      .map(storedStopFill);
    const onCoin = [...fresh, ...earlier].filter((f) => f.coin === p.coin && f.dir.startsWith("Close"));
    const ours = onCoin.filter((f) => f.cloid && mine.has(f.cloid.toLowerCase()));
    const liqFills = onCoin.filter((f) => f.liquidation);
    let reason: ExitReason = "external";
    let closing = onCoin;
    let refPx: number | null = null;
    if (ours.length) {
      // Our own order filled while we could not see it (stop trigger, or an exit whose answer was lost).
      const order = mine.get(ours[0]!.cloid!.toLowerCase())!;
      reason = order.role === "stop" ? "stop" : ((order.reason as ExitReason | null) ?? "manual");
      closing = ours;
      refPx = order.ref_px === null ? (order.role === "stop" ? p.stopPx : null) : Number(order.ref_px);
      if (order.role === "stop") {
        const t = fillTotals(ours);
        this.orders.update(order.cloid, "filled", this.clock.now(), {
          oid: ours[0]!.oid,
          filled: String(t.size),
          avgPx: t.px === null ? null : String(t.px),
        });
      }
    } else if (liqFills.length) {
      reason = "liquidation";
      closing = liqFills;
    }
    const totals = fillTotals(closing);
    const px = totals.px ?? p.stopPx;
    const size = sizeMinus(p.size, exchangeSize);
    log.warn(
      `live ${p.coin} position ${p.id}: exchange holds ${exchangeSize}, ledger ${p.size} → booking ${reason} exit at ${px}`,
    );
    // Fee: the closing fills' own, scaled to the part booked when they cover more (several closes at once).
    const fee = totals.size > 0 ? (totals.fee * Math.min(size, totals.size)) / totals.size : null;
    // Booked when the exchange closed it (a stop that fired while hlbot was down counts in its week).
    const at = closing.length ? Math.max(...closing.map((f) => f.time)) : this.clock.now();
    await this.executor.applyExit(p, reason, size, px, { fee, refPx }, Math.min(at, this.clock.now()));
  }
}

/**
 * A book of positions for one path (shadow or live) executed on the simulated venue: opening a
 * sized position for a candidate, walking open positions through each tick's price path with the
 * shared exit rules, charging funding, marking equity. The daemon's live path reuses the same rules
 * and sizing with the exchange as venue.
 */
import { type AssetMeta, assetMeta } from "../core/assets.ts";
import { intervalMs } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import { computeSize } from "../risk/sizing.ts";
import { makerLimit, postFillSegment, tradesThrough } from "../sim/maker-fills.ts";
import type { ResolvedModel } from "../sim/models/index.ts";
import type { SimFill, SimVenue } from "../sim/sim-venue.ts";
import type { EquityTracker } from "./account.ts";
import type {
  EntryPlan,
  EntryRefusal,
  EquitySnapshot,
  FundingEvent,
  Journal,
  MarketView,
  TradingBook,
} from "./ports.ts";
import {
  direction,
  type ExitReason,
  type Mode,
  newPosition,
  type Position,
  unrealizedTotal,
} from "./position.ts";
import {
  type ExitRules,
  liquidationPrice,
  openingTrailDistance,
  type RawExit,
  type Segment,
  stepPosition,
} from "./position-rules.ts";
import type { StrategyExitLevels } from "./strategy-exits.ts";

export interface BookSettings {
  mode: Mode;
  runId: number;
  riskFraction: number;
  maxLeverage: number;
  maxNotionalUsd: number;
  partialFraction: number;
  partialAtR: number;
  breakevenAfterPartial: boolean;
  breakevenAtR?: number | null;
  trailFromR: number;
  trailDistanceR: number;
  /** Strategies with their own exit levels (strategies.<name>.exits); absent = none. */
  strategyExits?: ReadonlyMap<string, StrategyExitLevels>;
  timeoutMs: number;
  /**
   * Size on current equity (the live path, and a backtest of it) or always on the starting equity
   * (shadow): shadow holds many overlapping trades, and compounding its drawdowns would shrink later
   * trades below the exchange minimum and bias the training sample.
   */
  compounding: boolean;
  assets?: ReadonlyMap<string, AssetMeta>;
}

/** A simulated entry plan: the port's plan plus the priced fill. */
export interface SimEntryPlan extends EntryPlan {
  fill: SimFill;
  asset: AssetMeta;
  /** A maker entry: rests at `fill.px` (its limit) until a bar trades through it, or `expiresAt`. */
  maker?: { expiresAt: number };
}

/** A maker entry resting on the simulated venue. */
interface RestingEntry {
  plan: SimEntryPlan;
  decisionId: number | null;
  placedAt: number;
}

/** What became of the maker entries a book placed. */
export interface MakerStats {
  placed: number;
  filled: number;
  expired: number;
  cancelled: number;
}

/**
 * The exit rules of a book for one coin: the settings' levels, with partials/trail on when the model
 * manages exits (v4 and live) and liquidation tracking when the venue does not liquidate by itself.
 */
export function exitRules(
  s: BookSettings,
  features: { managed: boolean; liquidation: boolean },
  szDecimals: number,
): ExitRules {
  return {
    partials: features.managed,
    partialFraction: s.partialFraction,
    partialAtR: s.partialAtR,
    breakevenAfterPartial: s.breakevenAfterPartial,
    breakevenAtR: s.breakevenAtR ?? null,
    trail: features.managed,
    trailFromR: s.trailFromR,
    ...(s.strategyExits?.size ? { byStrategy: s.strategyExits } : {}),
    liquidation: features.liquidation,
    timeoutMs: s.timeoutMs,
    szDecimals,
  };
}

const NO_CANDIDATES: readonly Candidate[] = Object.freeze([]);

export type ExitListener = (p: Position, reason: ExitReason, now: number) => void;

export class Book implements TradingBook {
  /** Open positions in entry order (mutated only here, together with openByCoin). */
  private readonly positions: Position[] = [];
  /** The open positions of each coin, in entry order (funding charges one coin's per event). */
  private readonly openByCoin = new Map<string, Position[]>();
  private readonly model: ResolvedModel;
  /** Maker entries placed and not yet filled, expired or cancelled, in placement order. */
  private readonly resting: RestingEntry[] = [];
  readonly makerStats: MakerStats = { placed: 0, filled: 0, expired: 0, cancelled: 0 };
  onFullExit: ExitListener | null = null;

  constructor(
    readonly settings: BookSettings,
    readonly venue: SimVenue,
    readonly account: EquityTracker,
    private readonly journal: Journal,
  ) {
    this.model = venue.model;
  }

  get open(): readonly Position[] {
    return this.positions;
  }

  get mode() {
    return this.settings.mode;
  }

  get modelVersion(): string {
    return this.model.version;
  }

  private track(p: Position): void {
    this.positions.push(p);
    const same = this.openByCoin.get(p.coin);
    if (same === undefined) this.openByCoin.set(p.coin, [p]);
    else same.push(p);
  }

  private asset(coin: string): AssetMeta {
    return assetMeta(coin, this.settings.assets);
  }

  private readonly rulesCache = new Map<string, ExitRules>();

  rulesFor(coin: string): ExitRules {
    let rules = this.rulesCache.get(coin);
    if (!rules) {
      const { managedExits, liquidation } = this.model;
      rules = exitRules(this.settings, { managed: managedExits, liquidation }, this.asset(coin).szDecimals);
      this.rulesCache.set(coin, rules);
    }
    return rules;
  }

  /**
   * Sizes an entry for `c` at the current tradable price and prices its fill; a refusal carries the
   * reason (recorded on the decision). Nothing is opened until `enter`.
   */
  plan(c: Candidate, view: MarketView, sizeMultiplier = 1): SimEntryPlan | EntryRefusal {
    const tradable = view.price(c.coin) ?? c.entryRef;
    const maker = this.model.entries.maker;
    // Size on the price the order is based on (live can know no better): the signal price under
    // legacy fills, the current tradable price otherwise; slippage then shows up as extra risk. A
    // maker entry sizes on its limit, the only price it can fill at.
    const base = this.model.fillAt === "signal" ? c.entryRef : tradable;
    const reference = maker ? makerLimit(c.side, base, maker.offsetBps) : base;
    const asset = this.asset(c.coin);
    const sizing = computeSize({
      equity: this.settings.compounding ? this.account.equity : this.account.startEquity,
      riskFraction: this.settings.riskFraction,
      entry: reference,
      stop: c.stop,
      asset,
      maxLeverage: this.settings.maxLeverage,
      maxNotionalUsd: this.settings.maxNotionalUsd,
      sizeMultiplier,
      ...(this.settings.mode === "live" ? { marginAvailable: this.freeMargin() } : {}),
    });
    if (!sizing.ok) return { ok: false, reason: sizing.reason };
    const fill = maker
      ? this.venue.makerEntry(sizing.size, reference)
      : this.venue.entry(c.side, sizing.size, tradable, c.entryRef, { coin: c.coin, t: view.now });
    // The stop and target must still be on the right side of the fill, else the setup is gone.
    const d = direction(c.side);
    if ((fill.px - c.stop) * d <= 0 || (c.target - fill.px) * d <= 0)
      return { ok: false, reason: "price_beyond_stop_or_target" };
    const plan: SimEntryPlan = {
      ok: true,
      candidate: c,
      size: fill.size,
      px: fill.px,
      sizeMultiplier,
      fill,
      asset,
    };
    if (maker) plan.maker = { expiresAt: view.now + maker.expiryBars * intervalMs(c.timeframe) };
    return plan;
  }

  /** Equity not tied up as margin by open positions (the live path's sizing limit). */
  private freeMargin(): number {
    let used = 0;
    for (const p of this.positions) used += (p.entryPx * p.size) / p.leverage;
    return this.account.equity - used;
  }

  /** Opens the planned position and books its entry fee; a maker plan rests instead (null). */
  enter(entry: EntryPlan, decisionId: number | null, now: number): Position | null {
    const plan = entry as SimEntryPlan;
    if (plan.maker) {
      this.resting.push({ plan, decisionId, placedAt: now });
      this.makerStats.placed++;
      return null;
    }
    return this.openPosition(plan, decisionId, now);
  }

  /** The candidates of the maker entries resting now. */
  get restingEntries(): readonly Candidate[] {
    return this.resting.length === 0 ? NO_CANDIDATES : this.resting.map((r) => r.plan.candidate);
  }

  /** Cancels the resting maker entries `only` selects (signal gone, or new entries refused). */
  cancelEntries(only: (c: Candidate) => boolean, _reason = "signal_gone"): void {
    let kept = 0;
    for (const r of this.resting) {
      if (only(r.plan.candidate)) this.makerStats.cancelled++;
      else this.resting[kept++] = r;
    }
    this.resting.length = kept;
  }

  /**
   * Fills the resting maker entries the tick's segment traded through (see sim/maker-fills.ts); the
   * position opens at the segment's end and is walked through the part of the segment after the fill.
   * Unfilled entries expire once the tick reaches their expiry.
   */
  private fillResting(view: MarketView): void {
    let kept = 0;
    for (const r of this.resting) {
      const c = r.plan.candidate;
      const seg = view.segments.get(c.coin);
      if (
        seg &&
        seg.end > r.placedAt &&
        tradesThrough(c.side, r.plan.fill.px, seg, this.model.entries.maker!.queueHaircutBps)
      ) {
        this.makerStats.filled++;
        this.walkFillBar(
          this.openPosition(r.plan, r.decisionId, seg.end),
          postFillSegment(c.side, r.plan.fill.px, seg),
        );
      } else if (view.now >= r.plan.maker!.expiresAt) this.makerStats.expired++;
      else this.resting[kept++] = r;
    }
    this.resting.length = kept;
  }

  /** Applies the exit rules to a just-filled position over the rest of its fill bar. */
  private walkFillBar(p: Position, seg: Segment): void {
    const exits = stepPosition(p, seg, this.rulesFor(p.coin));
    for (const e of exits) this.applyExit(p, e, seg.end);
    if (p.size === 0) this.close(this.positions.indexOf(p), p, exits.at(-1)!.reason, seg.end);
    else if (exits.length) this.journal.updatePosition(p);
  }

  private openPosition(plan: SimEntryPlan, decisionId: number | null, now: number): Position {
    const { candidate: c, fill, asset } = plan;
    const leverage = Math.min(this.settings.maxLeverage, asset.maxLeverage);
    const p = newPosition({
      candidate: c,
      mode: this.settings.mode,
      runId: this.settings.runId,
      decisionId,
      modelVersion: this.model.version,
      openedAt: now,
      fill,
      leverage,
      liquidationPx: this.model.liquidation
        ? liquidationPrice(fill.px, c.side, leverage, asset.maxLeverage)
        : null,
      defaultTrailDistanceR: this.settings.trailDistanceR,
    });
    p.trailDistanceR = openingTrailDistance(
      this.settings.strategyExits?.get(c.strategy)?.trailDistanceR,
      c.trailDistanceR,
      this.settings.trailDistanceR,
    );
    this.account.realize(-fill.fee);
    p.id = this.journal.openPosition(p);
    this.track(p);
    return p;
  }

  /** Puts open positions read back from the ledger under management again (daemon restart); writes nothing. */
  restore(positions: readonly Position[]): void {
    for (const p of positions) if (p.status === "open" && p.mode === this.settings.mode) this.track(p);
  }

  /** Walks every open position through this tick's price path; closed positions leave the book. */
  manage(view: MarketView): void {
    if (this.resting.length) this.fillResting(view);
    for (let i = this.positions.length - 1; i >= 0; i--) {
      const p = this.positions[i]!;
      const seg = view.segments.get(p.coin);
      if (!seg || seg.end <= p.openedAt) continue;
      const before = p.stopPx;
      const exits = stepPosition(p, seg, this.rulesFor(p.coin));
      for (const e of exits) this.applyExit(p, e, seg.end);
      if (p.size === 0) this.close(i, p, exits.at(-1)!.reason, seg.end);
      else if (exits.length || p.stopPx !== before) this.journal.updatePosition(p);
    }
  }

  /** Charges the hour's funding on every open position of the coin (event by event, entry order). */
  chargeFunding(events: readonly FundingEvent[], view: MarketView): void {
    if (this.positions.length === 0) return;
    for (const ev of events) {
      const positions = this.openByCoin.get(ev.coin);
      if (positions === undefined || positions.length === 0) continue;
      const px = view.price(ev.coin);
      if (px === undefined) continue;
      for (const p of positions) {
        if (p.openedAt >= ev.t) continue;
        const paid = this.venue.funding(p, px, ev.rate);
        if (paid === 0) continue;
        p.funding += paid;
        this.account.realize(-paid);
        this.journal.updatePosition(p);
      }
    }
  }

  /** Closes every open position (or those `only` selects) at the current price (kill switch, end of a backtest, `hlbot ctl close`). */
  flatten(view: MarketView, reason: ExitReason, only?: (p: Position) => boolean): void {
    for (let i = this.positions.length - 1; i >= 0; i--) {
      const p = this.positions[i]!;
      if (only && !only(p)) continue;
      const px = view.price(p.coin);
      if (px === undefined) continue;
      this.applyExit(p, { reason, px, size: p.size }, view.now);
      p.size = 0;
      this.close(i, p, reason, view.now);
    }
  }

  resetPeak(): void {
    this.account.rebasePeak();
  }

  mark(view: MarketView): EquitySnapshot {
    return this.account.mark(view.now, unrealizedTotal(this.positions, view.price), this.positions.length);
  }

  private applyExit(p: Position, e: RawExit, t: number): void {
    const fill: SimFill = this.venue.exit(p, e, t);
    const pnl = (fill.px - p.entryPx) * fill.size * direction(p.side);
    p.grossPnl += pnl;
    p.fees += fill.fee;
    p.slippage += fill.slippage;
    this.account.realize(pnl - fill.fee);
    const exit = {
      t,
      px: fill.px,
      size: fill.size,
      reason: e.reason,
      fee: fill.fee,
      slippage: fill.slippage,
      pnl,
    };
    p.exits.push(exit);
    this.journal.recordExit(p, exit);
  }

  private close(index: number, p: Position, reason: ExitReason, t: number): void {
    p.status = "closed";
    p.closedAt = t;
    p.exitReason = reason;
    this.positions.splice(index, 1);
    const same = this.openByCoin.get(p.coin)!;
    same.splice(same.indexOf(p), 1);
    this.journal.updatePosition(p);
    this.onFullExit?.(p, reason, t);
  }
}

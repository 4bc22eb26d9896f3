/**
 * The live path's book on Hyperliquid. During the (synchronous) tick it does exactly what the
 * simulated Book does — same sizing, same exit rules — but instead of filling, it queues intents:
 * IOC entries, reduce-only exits, stop moves. `flush()` then executes them against the exchange and
 * applies only what the exchange confirmed. Positions, stops and fills are reconciled by Reconciler.
 */
import type { Config } from "../config/schema.ts";
import type { AssetMeta } from "../core/assets.ts";
import type { Clock } from "../core/clock.ts";
import { intervalMs } from "../core/intervals.ts";
import type { Candidate } from "../core/signal.ts";
import type { EquityTracker } from "../engine/account.ts";
import { bookSettings } from "../engine/assemble.ts";
import { exitRules } from "../engine/book.ts";
import type {
  EntryPlan,
  EntryRefusal,
  EquitySnapshot,
  FundingEvent,
  Journal,
  MarketView,
  TradingBook,
} from "../engine/ports.ts";
import { direction, type ExitReason, type Position, unrealizedTotal } from "../engine/position.ts";
import { type ExitRules, stepPosition } from "../engine/position-rules.ts";
import { formatPrice, formatSize } from "../hyperliquid/format.ts";
import { computeSize } from "../risk/sizing.ts";
import { makerLimit } from "../sim/maker-fills.ts";
import type { Intent } from "./intents.ts";

export interface LiveBookOptions {
  config: Config;
  clock: Clock;
  journal: Journal;
  account: EquityTracker;
  assets: ReadonlyMap<string, AssetMeta>;
  modelVersion: string;
}

export interface LiveEntryPlan extends EntryPlan {
  /** Wire strings: size on the lot grid, worst acceptable price on the tick grid. */
  sizeWire: string;
  limitPxWire: string;
  /** A maker entry: a post-only (ALO) limit at `limitPxWire`, cancelled when unfilled at `expiresAt`. */
  maker?: { expiresAt: number };
}

/** A maker entry resting on Hyperliquid (ALO), until it fills, expires or its signal is gone. */
export interface RestingLiveEntry {
  cloid: string;
  candidate: Candidate;
  decisionId: number | null;
  /** The price the order was based on (the tick's mid): slippage is measured from it. */
  refPx: number;
  placedAt: number;
  expiresAt: number;
  /** Set when the engine cancelled it (cancel-if-signal-gone): cancelled on the exchange next. */
  cancel: string | null;
}

export class HyperliquidBook implements TradingBook {
  readonly mode = "live" as const;
  readonly modelVersion: string;
  open: Position[] = [];
  onFullExit: ((p: Position, reason: ExitReason, now: number) => void) | null = null;
  /** Intents queued by this tick, executed by flush(). */
  queue: Intent[] = [];
  /** Maker entries resting on the exchange (kept by MakerEntries; src/live/maker-entries.ts). */
  resting: RestingLiveEntry[] = [];
  private readonly rulesCache = new Map<string, ExitRules>();
  /** Latest account value and free margin reported by the exchange (set by sync). */
  accountValue: number | null = null;
  withdrawable: number | null = null;
  /** Why entries on a coin are refused right now (leverage not set), or null. */
  entryRefusal: ((coin: string) => string | null) | null = null;
  /** coin → signed size the exchange held at the last sync (forgotten after our own fills). */
  readonly #held = new Map<string, number>();

  constructor(readonly options: LiveBookOptions) {
    this.modelVersion = options.modelVersion;
  }

  asset(coin: string): AssetMeta | undefined {
    return this.options.assets.get(coin);
  }

  /** Records what the exchange holds on `coin` (signed size), as account sync read it. */
  setHeld(coin: string, szi: number): void {
    this.#held.set(coin, szi);
  }

  forgetHeld(coin: string): void {
    this.#held.delete(coin);
  }

  /** What the exchange held on the position's coin on its side at the last sync (null if unknown). */
  heldOf(p: Position): number | null {
    const szi = this.#held.get(p.coin);
    if (szi === undefined || Math.sign(szi) !== direction(p.side)) return null;
    return Math.abs(szi);
  }

  rulesFor(coin: string): ExitRules {
    let rules = this.rulesCache.get(coin);
    if (!rules) {
      // Partials and trail as in v4; the exchange liquidates, the ledger learns it from fills.
      const features = { managed: true, liquidation: false };
      rules = exitRules(
        bookSettings(this.options.config, "live", 0),
        features,
        this.asset(coin)?.szDecimals ?? 2,
      );
      this.rulesCache.set(coin, rules);
    }
    return rules;
  }

  mark(view: MarketView): EquitySnapshot {
    const equity = this.accountValue ?? this.options.account.cash + unrealizedTotal(this.open, view.price);
    return this.options.account.markEquity(view.now, equity, this.open.length);
  }

  /** The same exit rules as the simulator, on a copy: what they imply is queued, applied on fills. */
  manage(view: MarketView): void {
    const minMove = this.options.config.live.min_stop_move_r;
    for (const p of this.open) {
      const seg = view.segments.get(p.coin);
      if (!seg || seg.end <= p.openedAt) continue;
      const draft: Position = { ...p, exits: [...p.exits] };
      const exits = stepPosition(draft, seg, this.rulesFor(p.coin));
      p.bestPx = draft.bestPx;
      p.trailActive = draft.trailActive;
      const refPx = view.price(p.coin);
      const moved = draft.stopPx !== p.stopPx;
      for (const e of exits) {
        const thenStop = e.reason === "partial" && moved ? draft.stopPx : undefined;
        this.queue.push({
          kind: "exit",
          position: p,
          reason: e.reason,
          size: e.size,
          refPx: refPx ?? e.px,
          ...(thenStop === undefined ? {} : { thenStop }),
        });
      }
      if (exits.length || !moved) continue;
      // A trailing stop is re-placed on the exchange only when it moved by a meaningful step.
      const r = Math.abs(p.entryPx - p.initialStopPx);
      if (Math.abs(draft.stopPx - p.stopPx) >= minMove * r)
        this.queue.push({ kind: "stop", position: p, stopPx: draft.stopPx });
    }
  }

  /** Real funding is charged by the exchange and read back from it (Reconciler.sync). */
  chargeFunding(_events: readonly FundingEvent[], _view: MarketView): void {}

  flatten(view: MarketView, reason: ExitReason, only?: (p: Position) => boolean): void {
    for (const p of this.open)
      if (!only || only(p))
        this.queue.push({
          kind: "exit",
          position: p,
          reason,
          size: p.size,
          refPx: view.price(p.coin) ?? p.entryPx,
        });
  }

  plan(c: Candidate, view: MarketView, sizeMultiplier = 1): LiveEntryPlan | EntryRefusal {
    const asset = this.asset(c.coin);
    if (!asset) return { ok: false, reason: "unknown_coin" };
    const refused = this.entryRefusal?.(c.coin) ?? null;
    if (refused) return { ok: false, reason: refused };
    const px = view.price(c.coin);
    if (px === undefined) return { ok: false, reason: "no_price" };
    const { config } = this.options;
    if (config.entries.maker.enabled) return this.makerPlan(c, view, px, sizeMultiplier);
    const sizing = computeSize({
      equity: this.mark(view).equity,
      riskFraction: config.risk.risk_fraction,
      entry: px,
      stop: c.stop,
      asset,
      maxLeverage: config.risk.max_leverage,
      maxNotionalUsd: config.risk.max_notional_usd,
      sizeMultiplier,
      ...(this.withdrawable === null ? {} : { marginAvailable: this.withdrawable }),
    });
    if (!sizing.ok) return { ok: false, reason: sizing.reason };
    const d = direction(c.side);
    if ((px - c.stop) * d <= 0 || (c.target - px) * d <= 0)
      return { ok: false, reason: "price_beyond_stop_or_target" };
    const cap = config.live.entry_slippage_cap_bps / 10_000;
    const limitPxWire = formatPrice(px * (1 + d * cap), asset.szDecimals, d === 1 ? "floor" : "ceil");
    const sizeWire = formatSize(sizing.size, asset.szDecimals);
    return { ok: true, candidate: c, size: Number(sizeWire), px, sizeMultiplier, sizeWire, limitPxWire };
  }

  /**
   * A maker entry: post-only limit `offset_bps` better than the mid (rounded away from the market, so
   * rounding never makes it cross), sized on that limit, cancelled after `expiry_bars` bars of the
   * signal's timeframe — the simulator's maker entry (sim/maker-fills.ts) on the exchange.
   */
  private makerPlan(
    c: Candidate,
    view: MarketView,
    mid: number,
    sizeMultiplier: number,
  ): LiveEntryPlan | EntryRefusal {
    const asset = this.asset(c.coin)!;
    const { config } = this.options;
    const m = config.entries.maker;
    const d = direction(c.side);
    const limitPxWire = formatPrice(
      makerLimit(c.side, mid, m.offset_bps),
      asset.szDecimals,
      d === 1 ? "floor" : "ceil",
    );
    const limit = Number(limitPxWire);
    const sizing = computeSize({
      equity: this.mark(view).equity,
      riskFraction: config.risk.risk_fraction,
      entry: limit,
      stop: c.stop,
      asset,
      maxLeverage: config.risk.max_leverage,
      maxNotionalUsd: config.risk.max_notional_usd,
      sizeMultiplier,
      ...(this.withdrawable === null ? {} : { marginAvailable: this.withdrawable }),
    });
    if (!sizing.ok) return { ok: false, reason: sizing.reason };
    if ((limit - c.stop) * d <= 0 || (c.target - limit) * d <= 0)
      return { ok: false, reason: "price_beyond_stop_or_target" };
    const sizeWire = formatSize(sizing.size, asset.szDecimals);
    const expiresAt = view.now + m.expiry_bars * intervalMs(c.timeframe);
    return {
      ok: true,
      candidate: c,
      size: Number(sizeWire),
      px: mid,
      sizeMultiplier,
      sizeWire,
      limitPxWire,
      maker: { expiresAt },
    };
  }

  /** The candidates of the maker entries resting on the exchange (or queued this tick). */
  get restingEntries(): readonly Candidate[] {
    const out = this.resting.filter((r) => r.cancel === null).map((r) => r.candidate);
    for (const i of this.queue) if (i.kind === "entry" && i.plan.maker) out.push(i.plan.candidate);
    return out;
  }

  /** Marks the resting entries `only` selects for cancelling, with the reason recorded on the order (MakerEntries cancels them on the exchange). */
  cancelEntries(only: (c: Candidate) => boolean, reason = "signal_gone"): void {
    for (const r of this.resting) if (r.cancel === null && only(r.candidate)) r.cancel = reason;
  }

  enter(plan: EntryPlan, decisionId: number | null, _now: number): void {
    this.queue.push({ kind: "entry", plan: plan as LiveEntryPlan, decisionId });
  }

  /** Removes a closed position from the book and tells the engine (cooldowns). */
  closed(p: Position, reason: ExitReason, now: number): void {
    this.open = this.open.filter((q) => q !== p);
    this.onFullExit?.(p, reason, now);
  }
}

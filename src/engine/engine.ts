/**
 * The tick — the one engine of hlbot. Backtest, shadow and live all call `tick(view)`; they differ only
 * in the MarketView (replay or live feed), the Journal and the venue behind each Book.
 *
 * Order: features on newly closed candles → regime (and the risk source's background poll) →
 * account (halts, kill switch, ruin) → positions an operator asked to close → manage open positions
 * (and fill resting maker entries) → funding → CLOSE rules of the open positions' strategies →
 * resting entries whose signal is gone or whose path refuses entries are cancelled → per-coin scan →
 * delayed entries held / released → shadow trades → live gate (regime risk rules) → live execution.
 * A path whose new entries are paused (`hlbot ctl pause`) records its candidates as refused
 * (`paused`) and still manages what it holds.
 */
import { emptyArray } from "../core/arrays.ts";
import type { Side } from "../core/bucket.ts";
import type { Interval } from "../core/intervals.ts";
import type { LiveCandidate } from "../core/live-candidates.ts";
import type { Candidate } from "../core/signal.ts";
import { type RegimePort, type RiskRegime, regimePort } from "../regime-sources/port.ts";
import { type ClusterRiskSettings, clusterRisk } from "../risk/cluster-risk.ts";
import type { ClusterTracker } from "../risk/cluster-tracker.ts";
import {
  type HaltLimits,
  type HaltState,
  killFlattenDue,
  startCooldown,
  updateHalts,
} from "../risk/halts.ts";
import { NO_REGIME_RISK, PREDICTION_CRISIS, regimeRisk } from "../risk/regime-risk.ts";
import type { Book } from "./book.ts";
import type { EngineEvent, EngineEventListener } from "./engine-events.ts";
import { EntryDelay, SIGNAL_GONE } from "./entry-delay.ts";
import { liveGate, PAUSED } from "./live-gate.ts";
import type {
  EquitySnapshot,
  FundingEvent,
  Journal,
  MarketView,
  SignalSource,
  TradingBook,
} from "./ports.ts";
import type { Mode, Position } from "./position.ts";
import { cancelBlockedEntries, cancelGoneEntries } from "./resting-entries.ts";
import { applySignalExits } from "./signal-exits.ts";

export interface EngineSettings {
  minScore: number;
  maxPositions: number;
  shadowOnly: ReadonlySet<string>;
  probationMultiplier: number;
  halts: HaltLimits;
  /** Record an equity snapshot at most this often (ms). */
  equityEveryMs: number;
  ignorePromotion?: boolean;
  /**
   * Replay rule of the kill switch: null/absent = live's rule (it holds until `hlbot resume`);
   * otherwise it is lifted this many ms after it tripped and drawdown is measured from there.
   */
  killSwitchResetMs?: number | null;
  /**
   * End the live path when its equity reaches zero (a simulated account: it cannot trade on a
   * negative balance). The daemon leaves this off: the exchange's account is the truth there.
   */
  endOnRuin?: boolean;
  /** The cluster-aware risk rule (`risk.cluster_*`) on live entries; absent = off. */
  cluster?: EngineClusterRule | null;
  /** Entry delay in bars of the signal's timeframe and cancel-if-signal-gone (entries section); absent = at once. */
  entryDelay?: { delayBars: number; cancelIfSignalGone: boolean };
  /** The prediction-market regime source (off: absent): regime sizing and the crisis block on live entries. */
  riskRegime?: RiskRegime | null;
}

/** The rolling clusters fed from the engine's closed bars of `interval`, and the rule applied to live entries. */
export interface EngineClusterRule {
  tracker: ClusterTracker;
  interval: Interval;
  rule: ClusterRiskSettings;
}

export interface TickStats {
  closedBars: number;
  candidates: number;
  shadowOpened: number;
  liveOpened: number;
  liveRejected: number;
}

export class Engine {
  /** Latest published hourly funding rate per coin. */
  private readonly funding = new Map<string, { rate: number }>();
  private readonly pendingFunding: FundingEvent[] = [];
  private readonly shadowScratch: Candidate[] = [];
  private readonly bestLive = new Map<string, Candidate>();
  private lastEquityAt = new Map<Mode, number>();
  promoted: ReadonlyMap<string, LiveCandidate> = new Map();
  onHalt: ((event: "kill_switch" | "daily_halt", now: number) => void) | null = null;
  /** Every risk event with its figures (a backtest records them as the run's events). */
  onEvent: EngineEventListener | null = null;
  /** Set when the live path was ruined (endOnRuin): from then on it is not marked, managed or traded. */
  liveEnded: { t: number; equity: number } | null = null;
  /** Paths whose NEW entries are paused (`hlbot ctl pause`; the daemon sets it each tick). */
  paused: Readonly<Record<Mode, boolean>> = { shadow: false, live: false };
  /**
   * Open positions (by id, either path) an operator asked to close (`hlbot ctl flatten` / `close`):
   * closed every tick until gone, the way the kill switch flattens — a live one by a reduce-only IOC.
   */
  closeRequests: ReadonlySet<number> = new Set();
  /** Held candidates per path when entries are delayed (entries.delay_bars > 0). */
  private readonly delays: { shadow: EntryDelay; live: EntryDelay } | null;
  /** Directional regime (the signal source's BTC or per-asset classifier) and the risk source. */
  readonly regime: RegimePort;

  constructor(
    private readonly signals: SignalSource,
    readonly shadow: Book,
    readonly live: TradingBook | null,
    readonly halts: HaltState,
    private readonly journal: Journal,
    private readonly settings: EngineSettings,
  ) {
    this.regime = regimePort((coin) => signals.regime(coin), settings.riskRegime ?? null);
    const d = settings.entryDelay;
    this.delays =
      d && d.delayBars > 0
        ? {
            shadow: new EntryDelay(d.delayBars, d.cancelIfSignalGone, "shadow"),
            live: new EntryDelay(d.delayBars, d.cancelIfSignalGone, "live"),
          }
        : null;
    if (live) {
      live.onFullExit = (p, reason, now) => {
        if (reason === "stop") startCooldown(this.halts, p.coin, now, this.settings.halts);
      };
    }
  }

  /**
   * Feeds closed candles and funding to the features without trading (history before a backtest's
   * start). A funding rate reaches the features only once published (eventT ≤ now): a bar closing on
   * the hour sees the previous hour's rate, as it would live.
   */
  warm(view: MarketView): void {
    for (const ev of view.funding) this.pendingFunding.push(ev);
    if (this.pendingFunding.length) {
      let kept = 0;
      for (const ev of this.pendingFunding) {
        if (ev.eventT <= view.now) this.publish(ev);
        else this.pendingFunding[kept++] = ev;
      }
      if (kept !== this.pendingFunding.length) this.pendingFunding.length = kept;
    }
    for (const bar of view.closedBars)
      this.signals.onClosedBar(bar, this.funding.get(bar.coin)?.rate ?? null);
    const cluster = this.settings.cluster;
    if (cluster)
      for (const bar of view.closedBars)
        if (bar.interval === cluster.interval)
          cluster.tracker.onBar(bar.coin, bar.candle.t, bar.candle.close);
  }

  /** Makes a published rate the coin's latest (a record per coin: updating it is a lookup, not an insert). */
  private publish(ev: FundingEvent): void {
    const latest = this.funding.get(ev.coin);
    if (latest === undefined) this.funding.set(ev.coin, { rate: ev.rate });
    else latest.rate = ev.rate;
  }

  tick(view: MarketView): TickStats {
    const stats: TickStats = {
      closedBars: view.closedBars.length,
      candidates: 0,
      shadowOpened: 0,
      liveOpened: 0,
      liveRejected: 0,
    };
    this.warm(view);
    // Starts the risk source's due polls in the background; the tick reads its last snapshot only.
    this.regime.refresh();

    this.account(view);
    const live = this.liveEnded ? null : this.live;
    if (this.closeRequests.size > 0) {
      this.closeRequested(this.shadow, view);
      if (live) this.closeRequested(live, view);
    }
    this.shadow.manage(view);
    live?.manage(view);
    this.shadow.chargeFunding(view.funding, view);
    live?.chargeFunding(view.funding, view);
    // CLOSE rules after funding: a position closed at this tick's price was open at the hour it paid.
    applySignalExits(this.signals, this.shadow, view);
    if (live) applySignalExits(this.signals, live, view);
    if (this.settings.entryDelay?.cancelIfSignalGone) {
      cancelGoneEntries(this.signals, this.shadow, view);
      if (live) cancelGoneEntries(this.signals, live, view);
    }
    cancelBlockedEntries(this.shadow, view, { paused: this.paused.shadow, halts: null, crisis: false });
    if (this.live) {
      const rr = this.settings.riskRegime;
      const crisis = rr ? regimeRisk(this.regime.risk(view.now), rr.config).blocked : false;
      cancelBlockedEntries(this.live, view, {
        paused: this.paused.live || this.liveEnded !== null,
        halts: this.halts,
        crisis,
      });
    }

    // One scan per closed bar for both threshold sets. All of the tick's shadow candidates go
    // together: a 15m and a 1h bar closing at the same time can carry the same setup (coin, side,
    // close), which dedup must see as one. Live keeps the best candidate per coin.
    const shadowCandidates = this.shadowScratch;
    emptyArray(shadowCandidates);
    const bestLive = this.bestLive;
    if (bestLive.size > 0) bestLive.clear();
    const withLive = this.live !== null;
    for (const bar of view.closedBars) {
      const found = this.signals.scan(bar, view.now, withLive);
      for (const c of found.shadow) shadowCandidates.push(c);
      for (const c of found.live) {
        const b = bestLive.get(c.coin);
        if (!b || c.score > b.score) bestLive.set(c.coin, c);
      }
    }
    stats.candidates = shadowCandidates.length;
    const entering = this.delays ? this.delayed(shadowCandidates, bestLive, view) : shadowCandidates;
    stats.shadowOpened = this.openShadow(entering, view);
    if (this.live && bestLive.size) this.gateLive(bestLive, view, stats);
    return stats;
  }

  /**
   * Holds this tick's candidates and returns the shadow ones due now (bestLive is refilled with the
   * due live ones, best per coin); due candidates whose signal is gone are recorded as refused.
   */
  private delayed(
    found: readonly Candidate[],
    bestLive: Map<string, Candidate>,
    view: MarketView,
  ): Candidate[] {
    const delays = this.delays!;
    delays.shadow.hold(found);
    const shadow = delays.shadow.take(view.now, this.signals);
    this.refuse("shadow", shadow.gone, this.shadow.venue.model.version);
    if (this.live) {
      delays.live.hold([...bestLive.values()]);
      bestLive.clear();
      const live = delays.live.take(view.now, this.signals);
      this.refuse("live", live.gone, this.live.modelVersion);
      for (const c of live.due) {
        const b = bestLive.get(c.coin);
        if (!b || c.score > b.score) bestLive.set(c.coin, c);
      }
    }
    return shadow.due;
  }

  private refuse(mode: Mode, gone: readonly Candidate[], modelVersion: string): void {
    for (const candidate of gone)
      this.journal.recordDecision({
        mode,
        candidate,
        verdict: "rejected",
        reasons: [SIGNAL_GONE],
        modelVersion,
      });
  }

  private account(view: MarketView): void {
    for (const book of [this.shadow, this.live] as (TradingBook | null)[]) {
      if (!book) continue;
      const isLive = book === this.live;
      if (isLive && this.liveEnded) continue;
      const last = this.lastEquityAt.get(book.mode) ?? -Infinity;
      const snapshotDue = view.now - last >= this.settings.equityEveryMs;
      // The live path is marked every tick (its halts read equity); the shadow path sizes on its
      // starting equity, so it is marked only when its equity curve gets a point.
      if (!isLive && !snapshotDue) continue;
      let snap = book.mark(view);
      if (isLive) {
        if (this.settings.endOnRuin && snap.equity <= 0) {
          this.ruin(book, view, snap);
          continue;
        }
        snap = this.liftKillSwitchIfDue(book, view, snap);
        const event = updateHalts(this.halts, snap, this.settings.halts);
        if (killFlattenDue(this.halts, book.open.length)) book.flatten(view, "kill");
        if (event) {
          this.onHalt?.(event, view.now);
          this.emit(
            event === "kill_switch"
              ? { kind: event, t: view.now, snapshot: snap, floor: this.settings.halts.drawdown_floor }
              : { kind: event, t: view.now, snapshot: snap, limit: this.settings.halts.daily_loss_limit },
          );
        }
      }
      if (snapshotDue) {
        this.journal.recordEquity(snap);
        this.lastEquityAt.set(book.mode, view.now);
      }
    }
  }

  /** The requested positions of `book` go out like the kill switch's flatten (which, when due, already covers them). */
  private closeRequested(book: TradingBook, view: MarketView): void {
    if (book === this.live && killFlattenDue(this.halts, book.open.length)) return;
    const wanted = (p: Position) => this.closeRequests.has(p.id);
    if (book.open.some(wanted)) book.flatten(view, "manual", wanted);
  }

  private emit(event: EngineEvent): void {
    this.onEvent?.(event);
  }

  /** Replay rule `reset:N`: lifts the kill switch N days on, as an operator's resume would, from today's equity. */
  private liftKillSwitchIfDue(book: TradingBook, view: MarketView, snap: EquitySnapshot): EquitySnapshot {
    const after = this.settings.killSwitchResetMs;
    const kill = this.halts.kill;
    if (after === null || after === undefined || !kill || view.now - kill.since < after || !book.resetPeak)
      return snap;
    this.halts.kill = null;
    book.resetPeak();
    const fresh = book.mark(view);
    this.emit({ kind: "kill_switch_reset", t: view.now, since: kill.since, snapshot: fresh });
    return fresh;
  }

  /** Equity reached zero: flatten, record the account at 0 and end the live path. */
  private ruin(book: TradingBook, view: MarketView, snap: EquitySnapshot): void {
    book.flatten(view, "ruin");
    const after = book.mark(view);
    this.liveEnded = { t: view.now, equity: snap.equity };
    this.journal.recordEquity({ ...after, equity: 0, drawdown: 1, dayPnl: after.dayPnl - after.equity });
    this.lastEquityAt.set(book.mode, view.now);
    this.emit({ kind: "ruin", t: view.now, equity: snap.equity });
  }

  /** Records every shadow candidate; opens a simulated trade per setup (or per candidate without dedup). */
  private openShadow(candidates: readonly Candidate[], view: MarketView): number {
    if (candidates.length === 0) return 0;
    const dedup = this.shadow.venue.model.dedupSetups;
    const best = new Map<string, Candidate>();
    if (dedup) {
      for (const c of candidates) {
        const b = best.get(c.setupKey);
        if (!b || c.score > b.score) best.set(c.setupKey, c);
      }
    }
    let opened = 0;
    const version = this.shadow.venue.model.version;
    for (const c of candidates) {
      if (dedup && best.get(c.setupKey) !== c) {
        this.journal.recordDecision({
          mode: "shadow",
          candidate: c,
          verdict: "duplicate",
          reasons: ["setup_key_taken"],
          modelVersion: version,
        });
        continue;
      }
      const plan = this.paused.shadow ? { ok: false as const, reason: PAUSED } : this.shadow.plan(c, view);
      if (!plan.ok) {
        this.journal.recordDecision({
          mode: "shadow",
          candidate: c,
          verdict: "rejected",
          reasons: [plan.reason],
          modelVersion: version,
        });
        continue;
      }
      const id = this.journal.recordDecision({
        mode: "shadow",
        candidate: c,
        verdict: "open",
        reasons: [],
        modelVersion: version,
      });
      this.shadow.enter(plan, id, view.now);
      opened++;
    }
    return opened;
  }

  /** Best live candidate per coin through the gate, then execution. */
  private gateLive(bestByCoin: ReadonlyMap<string, Candidate>, view: MarketView, stats: TickStats): void {
    const live = this.live!;
    const version = live.modelVersion;
    const cluster = this.settings.cluster;
    // The gate counts the book as it was before this tick plus the tick's accepted entries: a
    // simulated book opens at once, the exchange's only after the tick, and both must decide alike
    // (max_positions, one position per coin, the cluster rule).
    const held: { coin: string; side: Side }[] = live.open.map((p) => ({ coin: p.coin, side: p.side }));
    const clusters = cluster ? cluster.tracker.at(view.now) : null;
    // Resting maker entries as they stood before this tick; the tick's own new entries (maker or taker)
    // are counted once, through `held`.
    const resting = [...(live.restingEntries ?? [])];
    const rr = this.settings.riskRegime;
    const risk = rr ? regimeRisk(this.regime.risk(view.now), rr.config) : NO_REGIME_RISK;
    for (const c of bestByCoin.values()) {
      const verdict = liveGate(
        c,
        {
          minScore: this.settings.minScore,
          promoted: this.promoted,
          shadowOnly: this.settings.shadowOnly,
          halts: this.halts,
          open: held,
          resting,
          maxPositions: this.settings.maxPositions,
          ignorePromotion: this.settings.ignorePromotion ?? false,
          ended: this.liveEnded !== null,
          paused: this.paused.live,
        },
        this.settings.probationMultiplier,
        view.now,
      );
      if (cluster && clusters) {
        const cv = clusterRisk(c, held, clusters, cluster.rule);
        if (cv.reasons.length) {
          verdict.reasons.push(...cv.reasons);
          verdict.ok = false;
        }
        verdict.sizeMultiplier *= cv.sizeMultiplier;
      }
      if (risk.blocked) {
        verdict.ok = false;
        verdict.reasons.push(PREDICTION_CRISIS);
      }
      const plan = verdict.ok ? live.plan(c, view, verdict.sizeMultiplier * risk.sizeMultiplier) : null;
      const reasons = plan && !plan.ok ? [plan.reason] : verdict.reasons;
      if (!plan?.ok) {
        this.journal.recordDecision({
          mode: "live",
          candidate: c,
          verdict: "rejected",
          reasons,
          modelVersion: version,
        });
        stats.liveRejected++;
        continue;
      }
      const id = this.journal.recordDecision({
        mode: "live",
        candidate: c,
        verdict: "open",
        reasons: [],
        modelVersion: version,
      });
      live.enter(plan, id, view.now);
      held.push({ coin: c.coin, side: c.side });
      stats.liveOpened++;
    }
  }
}

/**
 * Market state at the fake "now" for every coin: mark (the replayed path), oracle (mark less the
 * premium implied by the real funding rate), the real hourly funding events, and the real BTC L2
 * hour when the clock is inside it. Price models are built on first use per coin.
 */
import { HOUR_MS } from "../core/clock.ts";
import { type L2Snapshot, MarketData } from "./data.ts";
import type { DataSource } from "./data-source.ts";
import { PriceModel } from "./prices.ts";
import { assetByName, type FakeAsset } from "./universe.ts";

/** Funding baseline of Hyperliquid's formula: 0.01% per 8 hours. */
const INTEREST_8H = 0.0001;
/** A real L2 snapshot stays valid this long after its time (the archive spaces them ≤ 2.8 s). */
const L2_STALE_MS = 5_000;

export class Market {
  readonly data: MarketData;
  private readonly models = new Map<string, PriceModel>();

  constructor(source: DataSource, shiftMs = 0) {
    this.data = new MarketData(source, shiftMs);
  }

  model(coin: string): PriceModel {
    let m = this.models.get(coin);
    if (!m) {
      m = new PriceModel(this.data, coin);
      this.models.set(coin, m);
    }
    return m;
  }

  asset(coin: string): FakeAsset | undefined {
    return assetByName(coin);
  }

  /** The real L2 snapshot in force at `t`, if the data has one. */
  realL2(coin: string, t: number): L2Snapshot | null {
    const snaps = this.data.l2(coin);
    if (!snaps || snaps.length === 0 || t < snaps[0]!.time) return null;
    let lo = 0;
    let hi = snaps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (snaps[mid]!.time <= t) lo = mid;
      else hi = mid - 1;
    }
    const snap = snaps[lo]!;
    return t - snap.time <= L2_STALE_MS ? snap : null;
  }

  /** Mark price at `t` (the real L2 mid while inside the real L2 hour), null before listing. */
  mark(coin: string, t: number): number | null {
    const l2 = this.realL2(coin, t);
    if (l2?.bids[0] && l2.asks[0]) return (l2.bids[0].px + l2.asks[0].px) / 2;
    return this.model(coin).priceAt(t);
  }

  /** The real funding event of the hour starting at `hourStart` (events carry ms of jitter). */
  fundingEvent(coin: string, hourStart: number): { time: number; rate: number } | null {
    const f = this.data.funding(coin);
    if (!f) return null;
    let lo = 0;
    let hi = f.time.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (f.time[mid]! < hourStart) lo = mid + 1;
      else hi = mid;
    }
    return lo < f.time.length && f.time[lo]! < hourStart + HOUR_MS
      ? { time: f.time[lo]!, rate: f.rate[lo]! }
      : null;
  }

  /** The hourly rate accruing now: the one paid at the end of the current hour. */
  currentFunding(coin: string, t: number): number {
    const next = this.fundingEvent(coin, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS);
    return next?.rate ?? INTEREST_8H / 8;
  }

  /** Premium consistent with an hourly rate under HL's formula (F8 = premium + clamp(…)). */
  premium(rate: number): number {
    return rate * 8 - INTEREST_8H;
  }

  oracle(coin: string, t: number): number | null {
    const mark = this.mark(coin, t);
    if (mark === null) return null;
    return mark / (1 + this.premium(this.currentFunding(coin, t)));
  }
}

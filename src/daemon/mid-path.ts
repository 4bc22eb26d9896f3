/**
 * The live price path between two ticks, per coin, from websocket mids: open = the mid at the
 * previous tick, high/low = the extremes of every mid sampled since, close = the latest mid. This is
 * the segment open positions are walked through (the replay uses the bar that just closed instead).
 */
import type { Segment } from "../engine/position-rules.ts";

interface Path {
  open: number;
  high: number;
  low: number;
  last: number;
}

export class MidPath {
  readonly #coins: readonly string[];
  readonly #paths = new Map<string, Path>();

  constructor(coins: readonly string[]) {
    this.#coins = [...coins];
  }

  /** Folds one set of mids (coin → decimal string, as Hyperliquid sends them) into the paths. */
  sample(mids: Readonly<Record<string, string>>): void {
    for (const coin of this.#coins) {
      const raw = mids[coin];
      if (raw === undefined) continue;
      const px = Number(raw);
      if (!(px > 0) || !Number.isFinite(px)) continue;
      const p = this.#paths.get(coin);
      if (!p) {
        this.#paths.set(coin, { open: px, high: px, low: px, last: px });
        continue;
      }
      if (px > p.high) p.high = px;
      if (px < p.low) p.low = px;
      p.last = px;
    }
  }

  /** Latest mid of a coin, if any was ever seen. */
  price(coin: string): number | undefined {
    return this.#paths.get(coin)?.last;
  }

  /** The path of every coin since the last `roll`, ending at `now`. */
  segments(now: number): Map<string, Segment> {
    const out = new Map<string, Segment>();
    for (const [coin, p] of this.#paths)
      out.set(coin, { open: p.open, high: p.high, low: p.low, close: p.last, end: now });
    return out;
  }

  /** Starts the next segments at the current mids (after a tick that used them committed). */
  roll(): void {
    for (const p of this.#paths.values()) {
      p.open = p.last;
      p.high = p.last;
      p.low = p.last;
    }
  }

  /** Coins with at least one mid. */
  get size(): number {
    return this.#paths.size;
  }
}

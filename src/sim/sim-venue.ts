/**
 * The simulated venue: turns intended entries and exits into fills under a friction model — taker
 * fee and adverse slippage per side, hourly funding on notional at mark, liquidation at the gap
 * price capped at the isolated margin. Synchronous: backtests call it millions of times.
 */
import type { Side } from "../core/bucket.ts";
import { direction, type Position } from "../engine/position.ts";
import type { RawExit } from "../engine/position-rules.ts";
import type { ResolvedModel } from "./models/index.ts";

export interface SimFill {
  px: number;
  size: number;
  fee: number;
  /** Cost of slippage in USDC (already inside the fill price; reported, not charged twice). */
  slippage: number;
}

export class SimVenue {
  private readonly fee: number;
  private readonly slip: number;

  constructor(readonly model: ResolvedModel) {
    this.fee = model.takerFeeBps / 10_000;
    this.slip = model.slippageBps / 10_000;
  }

  /** An entry at the next tradable price (`tradablePx`), or at the signal price under legacy. */
  entry(side: Side, size: number, tradablePx: number, signalPx: number): SimFill {
    const ref = this.model.fillAt === "signal" ? signalPx : tradablePx;
    const px = ref * (1 + direction(side) * this.slip);
    return { px, size, fee: px * size * this.fee, slippage: Math.abs(px - ref) * size };
  }

  /** An exit of `exit.size` at its raw price, made worse by slippage (all exits are taker). */
  exit(p: Position, exit: RawExit): SimFill {
    const px = exit.px * (1 - direction(p.side) * this.slip);
    const fill: SimFill = {
      px,
      size: exit.size,
      fee: px * exit.size * this.fee,
      slippage: Math.abs(px - exit.px) * exit.size,
    };
    if (exit.reason === "liquidation") return this.capAtMargin(p, fill);
    return fill;
  }

  /** Funding paid (+) or received (−) for one hourly event: size × price × rate, longs pay when rate > 0. */
  funding(p: Position, px: number, hourlyRate: number): number {
    if (!this.model.funding) return 0;
    return p.size * px * hourlyRate * direction(p.side);
  }

  /** With isolated margin the loss of a liquidated position cannot exceed its margin (plus the fee). */
  private capAtMargin(p: Position, fill: SimFill): SimFill {
    const margin = (p.entryPx * fill.size) / p.leverage;
    const loss = (p.entryPx - fill.px) * direction(p.side) * fill.size;
    if (loss <= margin) return fill;
    const px = p.entryPx - (direction(p.side) * margin) / fill.size;
    return { ...fill, px };
  }
}

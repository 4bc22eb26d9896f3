/**
 * The simulated venue: turns intended entries and exits into fills under a friction model — taker
 * fee and adverse slippage per side (flat, or from recorded book depth under v5), hourly funding on
 * notional at mark, maker entries at their limit with the maker fee, liquidation at the gap price capped at the isolated margin. Synchronous:
 * backtests call it millions of times.
 */
import type { Side } from "../core/bucket.ts";
import { UsageError } from "../core/errors.ts";
import { direction, type Position } from "../engine/position.ts";
import type { RawExit } from "../engine/position-rules.ts";
import type { DepthSlippage } from "./depth/depth-slippage.ts";
import type { TakerSide } from "./depth/walk.ts";
import type { ResolvedModel } from "./models/index.ts";

/** Where and when a fill happens: what a depth model (v5) prices it from. */
export interface FillAt {
  coin: string;
  t: number;
}

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

  constructor(
    readonly model: ResolvedModel,
    /** Prices each fill's slippage from recorded books; required by (and only used for) depth models. */
    readonly depth: DepthSlippage | null = null,
  ) {
    this.fee = model.takerFeeBps / 10_000;
    this.slip = model.slippageBps / 10_000;
    if (model.depth && !depth)
      throw new UsageError(
        `friction model ${model.tag} prices fills from recorded L2 books: it needs a depth source`,
      );
  }

  /** Slippage of one fill as a fraction: the model's flat rate, or the depth quote under v5. */
  private slipFor(at: FillAt | undefined, side: TakerSide, size: number, px: number): number {
    if (!this.depth || !this.model.depth) return this.slip;
    if (!at) throw new Error(`friction model ${this.model.tag} needs the coin and time of every fill`);
    return this.depth.quote({ coin: at.coin, side, size, t: at.t, px }).bps / 10_000;
  }

  /** An entry at the next tradable price (`tradablePx`), or at the signal price under legacy. */
  entry(side: Side, size: number, tradablePx: number, signalPx: number, at?: FillAt): SimFill {
    const ref = this.model.fillAt === "signal" ? signalPx : tradablePx;
    const px = ref * (1 + direction(side) * this.slipFor(at, side === "long" ? "buy" : "sell", size, ref));
    return { px, size, fee: px * size * this.fee, slippage: Math.abs(px - ref) * size };
  }

  /** A maker entry's fill: at its limit price, the maker fee (entries.maker, friction.maker_fee_bps), no slippage. */
  makerEntry(size: number, limitPx: number): SimFill {
    const feeBps = this.model.entries.maker?.feeBps ?? 0;
    return { px: limitPx, size, fee: limitPx * size * (feeBps / 10_000), slippage: 0 };
  }

  /** An exit of `exit.size` at its raw price at time `t`, made worse by slippage (all exits are taker). */
  exit(p: Position, exit: RawExit, t?: number): SimFill {
    const at = t === undefined ? undefined : { coin: p.coin, t };
    const slip = this.slipFor(at, p.side === "long" ? "sell" : "buy", exit.size, exit.px);
    const px = exit.px * (1 - direction(p.side) * slip);
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

/**
 * An open (or just closed) position as the engine manages it, for both paths and every venue. The
 * ledger's positions row mirrors it; `positionRowChanged` tells when it must be written again.
 */
import type { Regime, Side } from "../core/bucket.ts";
import type { Candidate } from "../core/signal.ts";

export type Mode = "shadow" | "live";

export type ExitReason =
  | "stop"
  | "breakeven"
  | "trail"
  | "target"
  | "partial"
  | "timeout"
  /** The position's strategy emitted CLOSE on a closed bar (its exitSignal). */
  | "signal"
  | "liquidation"
  | "kill"
  | "ruin"
  | "manual"
  | "external"
  | "end_of_test";

export interface PositionExit {
  t: number;
  px: number;
  size: number;
  reason: ExitReason;
  fee: number;
  slippage: number;
  pnl: number;
}

export interface Position {
  id: number;
  runId: number;
  decisionId: number | null;
  mode: Mode;
  coin: string;
  side: Side;
  strategy: string;
  session: string;
  regime: Regime;
  volBucket: string;
  setupKey: string;
  modelVersion: string;
  status: "open" | "closed";
  openedAt: number;
  entryPx: number;
  size: number;
  initialSize: number;
  stopPx: number;
  initialStopPx: number;
  targetPx: number;
  riskUsd: number;
  leverage: number;
  liquidationPx: number | null;
  partialDone: boolean;
  trailActive: boolean;
  /** Trail distance in R for this position (strategy override or config). */
  trailDistanceR: number;
  bestPx: number;
  closedAt: number | null;
  exitReason: ExitReason | null;
  grossPnl: number;
  fees: number;
  slippage: number;
  funding: number;
  exits: PositionExit[];
  external: boolean;
}

export function direction(side: Side): 1 | -1 {
  return side === "long" ? 1 : -1;
}

/** Price distance of 1R (entry to the initial stop). */
export function riskPerUnit(p: Position): number {
  return Math.abs(p.entryPx - p.initialStopPx);
}

export function netPnl(p: Position): number {
  return p.grossPnl - p.fees - p.funding;
}

/** Net result in R: net PnL over the USDC risked at entry. */
export function rMultiple(p: Position): number | null {
  return p.riskUsd > 0 ? netPnl(p) / p.riskUsd : null;
}

export function unrealizedPnl(p: Position, mark: number): number {
  return (mark - p.entryPx) * p.size * direction(p.side);
}

/** Unrealized PnL of positions at the current prices (a coin without a price counts 0). */
export function unrealizedTotal(
  positions: readonly Position[],
  price: (coin: string) => number | undefined,
): number {
  let total = 0;
  for (const p of positions) {
    const px = price(p.coin);
    if (px !== undefined) total += unrealizedPnl(p, px);
  }
  return total;
}

/** Average exit price over every exit (partials included). */
export function averageExitPx(p: Position): number | null {
  let size = 0;
  let value = 0;
  for (const e of p.exits) {
    size += e.size;
    value += e.size * e.px;
  }
  return size > 0 ? value / size : null;
}

export interface NewPositionInput {
  candidate: Candidate;
  mode: Mode;
  runId: number;
  decisionId: number | null;
  modelVersion: string;
  openedAt: number;
  /** Entry fill: price, size, fee and slippage cost. */
  fill: { px: number; size: number; fee: number; slippage: number };
  leverage: number;
  liquidationPx: number | null;
  /** Trail distance when the strategy sets none. */
  defaultTrailDistanceR: number;
}

/** A freshly opened position from its candidate and entry fill: the one constructor for every venue. */
export function newPosition(i: NewPositionInput): Position {
  const c = i.candidate;
  const { px, size } = i.fill;
  return {
    id: 0,
    runId: i.runId,
    decisionId: i.decisionId,
    mode: i.mode,
    coin: c.coin,
    side: c.side,
    strategy: c.strategy,
    session: c.session,
    regime: c.regime,
    volBucket: c.volBucket,
    setupKey: c.setupKey,
    modelVersion: i.modelVersion,
    status: "open",
    openedAt: i.openedAt,
    entryPx: px,
    size,
    initialSize: size,
    stopPx: c.stop,
    initialStopPx: c.stop,
    targetPx: c.target,
    riskUsd: Math.abs(px - c.stop) * size,
    leverage: i.leverage,
    liquidationPx: i.liquidationPx,
    partialDone: false,
    trailActive: false,
    trailDistanceR: c.trailDistanceR ?? i.defaultTrailDistanceR,
    bestPx: px,
    closedAt: null,
    exitReason: null,
    grossPnl: 0,
    fees: i.fill.fee,
    slippage: i.fill.slippage,
    funding: 0,
    exits: [],
    external: false,
  };
}

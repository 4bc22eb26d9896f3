/** A closed engine position as the run reports it (RunTrade), and the order trades are reported in. */
import { bucketKey } from "../core/bucket.ts";
import { averageExitPx, netPnl, type Position, rMultiple } from "../engine/position.ts";
import type { RunTrade } from "./run-summary.ts";

export function toRunTrade(p: Position): RunTrade {
  return {
    id: p.id,
    decisionId: p.decisionId,
    mode: p.mode,
    coin: p.coin,
    side: p.side,
    strategy: p.strategy,
    bucket: bucketKey({
      strategy: p.strategy,
      side: p.side,
      session: p.session,
      regime: p.regime,
      vol_bucket: p.volBucket,
    }),
    session: p.session,
    regime: p.regime,
    volBucket: p.volBucket,
    openedAt: p.openedAt,
    closedAt: p.closedAt ?? p.openedAt,
    entryPx: p.entryPx,
    exitPx: averageExitPx(p),
    size: p.initialSize,
    stopPx: p.initialStopPx,
    targetPx: p.targetPx,
    riskUsd: p.riskUsd,
    leverage: p.leverage,
    r: rMultiple(p),
    netPnl: netPnl(p),
    fees: p.fees,
    slippage: p.slippage,
    funding: p.funding,
    exitReason: p.exitReason ?? "open",
    exits: p.exits.map((e) => ({ t: e.t, px: e.px, size: e.size, reason: e.reason })),
  };
}

/** Close order (ties: entry order, then id): cumulative R, drawdown in R and the bootstrap read trades so. */
export function byClose(a: RunTrade, b: RunTrade): number {
  return a.closedAt - b.closedAt || a.openedAt - b.openedAt || a.id - b.id;
}

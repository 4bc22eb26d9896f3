/** What the live book asks the exchange to do after a tick; executed in order by the executor. */
import type { ExitReason, Position } from "../engine/position.ts";
import type { LiveEntryPlan } from "./hyperliquid-book.ts";

export type Intent =
  | { kind: "entry"; plan: LiveEntryPlan; decisionId: number | null }
  | {
      kind: "exit";
      position: Position;
      reason: ExitReason;
      size: number;
      refPx: number;
      /** After a partial fills: the stop it moves to (breakeven / trail), placed only then. */
      thenStop?: number;
    }
  | { kind: "stop"; position: Position; stopPx: number };

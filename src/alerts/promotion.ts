/** The alerts of a promotion run: one per bucket whose state changed (up = promoted, down = demoted). */
import type { BucketState } from "../mining/gate.ts";
import type { PromoteResult } from "../mining/promote.ts";
import type { AlertEvent } from "./alert.ts";
import { alertEvents } from "./events.ts";

const RANK: Record<BucketState, number> = { SHADOW: 0, PROBATION: 1, LIVE: 2 };

export function promotionEvents(result: PromoteResult): AlertEvent[] {
  if (result.status !== "applied") return [];
  return result.decisions
    .filter((d) => d.prev !== d.next)
    .map((d) => {
      const o = { bucket: d.key, from: d.prev, to: d.next, reason: d.reasons.join(", ") || "gate passed" };
      return RANK[d.next] > RANK[d.prev] ? alertEvents.bucketPromoted(o) : alertEvents.bucketDemoted(o);
    });
}

/**
 * GET /performance — PnL, return, drawdown, trade count, win rate and average R over the last `days`
 * (or since `since`): total, per mode, per strategy and per bucket.
 */
import { Hono } from "hono";
import * as z from "zod";
import { DAY_MS } from "../../core/clock.ts";
import type { ApiContext } from "../context.ts";
import { iso } from "../format.ts";
import { daysParam, modeParam, parseQuery, runIdParam, timeParam } from "../params.ts";

export const PERFORMANCE_DEFAULT_DAYS = 7;

const Query = z.strictObject({
  run_id: runIdParam,
  mode: modeParam,
  days: daysParam.optional(),
  since: timeParam.optional(),
});

export function performanceRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/performance", (c) => {
    const q = parseQuery(c, Query);
    const run = ctx.runClock.resolve(q.run_id);
    // Exclusive end one ms after "now", so an event stamped exactly now is inside the window.
    const to = ctx.runClock.now(q.run_id) + 1;
    const from = q.since ?? to - (q.days ?? PERFORMANCE_DEFAULT_DAYS) * DAY_MS;
    const summary = ctx.performance.summary({ runId: q.run_id, mode: q.mode, from, to });
    return c.json({
      run_id: q.run_id,
      run_status: run.status,
      mode: q.mode ?? "all",
      from: iso(from),
      to: iso(to),
      days: Math.round(((to - from) / DAY_MS) * 1000) / 1000,
      ...summary,
    });
  });
}

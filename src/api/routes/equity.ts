/** GET /equity — equity curves per mode over the last `days`, thinned to at most `points` for charting. */
import { Hono } from "hono";
import * as z from "zod";
import { DAY_MS } from "../../core/clock.ts";
import type { ApiContext } from "../context.ts";
import { iso } from "../format.ts";
import { daysParam, intParam, modeParam, parseQuery, runIdParam } from "../params.ts";

export const EQUITY_DEFAULT_DAYS = 7;
export const EQUITY_DEFAULT_POINTS = 300;
export const EQUITY_MAX_POINTS = 5000;

const Query = z.strictObject({
  run_id: runIdParam,
  mode: modeParam,
  days: daysParam.default(EQUITY_DEFAULT_DAYS),
  points: intParam(2, EQUITY_MAX_POINTS).default(EQUITY_DEFAULT_POINTS),
});

export function equityRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/equity", (c) => {
    const q = parseQuery(c, Query);
    const run = ctx.runClock.resolve(q.run_id);
    const to = ctx.runClock.now(q.run_id) + 1;
    const from = to - q.days * DAY_MS;
    return c.json({
      run_id: q.run_id,
      run_status: run.status,
      from: iso(from),
      to: iso(to),
      curves: ctx.equity.curves(q.run_id, from, to, q.points, q.mode),
      latest: ctx.status.latestEquity(q.run_id).filter((e) => !q.mode || e.mode === q.mode),
    });
  });
}

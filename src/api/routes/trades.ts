/** GET /trades — closed trades, newest first, with their exits; keyset-paginated like /decisions. */
import { Hono } from "hono";
import * as z from "zod";
import type { ApiContext } from "../context.ts";
import { encodeCursor } from "../cursor.ts";
import { cursorParam, intParam, modeParam, parseQuery, runIdParam } from "../params.ts";

export const TRADES_DEFAULT_LIMIT = 20;
export const TRADES_MAX_LIMIT = 500;

const Query = z.strictObject({
  run_id: runIdParam,
  mode: modeParam,
  limit: intParam(1, TRADES_MAX_LIMIT).default(TRADES_DEFAULT_LIMIT),
  cursor: cursorParam,
});

export function tradeRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/trades", (c) => {
    const q = parseQuery(c, Query);
    const run = ctx.runClock.resolve(q.run_id);
    const page = ctx.trades.page({ runId: q.run_id, mode: q.mode, limit: q.limit, after: q.cursor });
    return c.json({
      run_id: q.run_id,
      run_status: run.status,
      trades: page.trades,
      next_cursor: encodeCursor(page.next),
    });
  });
}

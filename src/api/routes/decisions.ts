/**
 * GET /decisions — every candidate the engine recorded, newest first, with its bucket, score,
 * features, gate verdict and reasons, and the trade it opened (if any). Keyset-paginated:
 * pass `next_cursor` back as `cursor`.
 */
import { Hono } from "hono";
import * as z from "zod";
import { ResponseCache } from "../cache.ts";
import type { ApiContext } from "../context.ts";
import { encodeCursor } from "../cursor.ts";
import { ApiRequestError } from "../errors.ts";
import { cursorParam, intParam, modeParam, nameParam, parseQuery, runIdParam, timeParam } from "../params.ts";

export const DECISIONS_DEFAULT_LIMIT = 50;
export const DECISIONS_MAX_LIMIT = 500;

const Query = z.strictObject({
  run_id: runIdParam,
  mode: modeParam,
  strategy: nameParam,
  coin: nameParam,
  since: timeParam.optional(),
  limit: intParam(1, DECISIONS_MAX_LIMIT).default(DECISIONS_DEFAULT_LIMIT),
  cursor: cursorParam,
});

export function decisionRoutes(ctx: ApiContext): Hono {
  const cache = new ResponseCache(ctx.version);
  return new Hono()
    .get("/decisions/:id{[0-9]{1,15}}", (c) => {
      parseQuery(c, z.strictObject({}));
      const found = ctx.decisions.byId(Number(c.req.param("id")));
      if (!found) throw new ApiRequestError(404, `no decision ${c.req.param("id")} in this ledger`);
      const run = ctx.runClock.resolve(found.runId);
      c.header("Content-Type", "application/json");
      return c.body(`{"run_id":${found.runId},"run_status":"${run.status}","decision":${found.row}}`);
    })
    .get("/decisions", (c) => {
      const q = parseQuery(c, Query);
      const run = ctx.runClock.resolve(q.run_id);
      // Same validated query and unchanged ledger → same page: dashboards and pollers hit the cache.
      const body = cache.get(JSON.stringify(q), () => {
        const page = ctx.decisions.page({
          runId: q.run_id,
          mode: q.mode,
          strategy: q.strategy,
          coin: q.coin,
          since: q.since ?? 0,
          limit: q.limit,
          after: q.cursor,
        });
        // The rows are JSON already (built by SQLite); only the envelope is assembled here.
        const next = JSON.stringify(encodeCursor(page.next));
        return `{"run_id":${q.run_id},"run_status":"${run.status}","decisions":[${page.rows.join(",")}],"next_cursor":${next}}`;
      });
      c.header("Content-Type", "application/json");
      return c.body(body);
    });
}

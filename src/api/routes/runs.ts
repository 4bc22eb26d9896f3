/**
 * GET /runs?limit=&before= — the run browser: every backtest run, newest first, with its command
 * line (when stored), model, window, status (finished, or unfinished: killed or still replaying)
 * and key figures. GET /runs/:id — one of them (404 when the ledger has no such run).
 */
import { Hono } from "hono";
import * as z from "zod";
import type { ApiContext } from "../context.ts";
import { ApiRequestError } from "../errors.ts";
import { intParam, parseQuery } from "../params.ts";

export const RUNS_DEFAULT_LIMIT = 100;
export const RUNS_MAX_LIMIT = 500;

const Query = z.strictObject({
  limit: intParam(1, RUNS_MAX_LIMIT).default(RUNS_DEFAULT_LIMIT),
  before: intParam(1, Number.MAX_SAFE_INTEGER).optional(),
});

export function runRoutes(ctx: ApiContext): Hono {
  return new Hono()
    .get("/runs/:id{[0-9]{1,15}}", (c) => {
      parseQuery(c, z.strictObject({}));
      const id = Number(c.req.param("id"));
      const run = id > 0 ? ctx.runList.get(id) : null;
      if (!run) throw new ApiRequestError(404, `run_id: no backtest run ${id} in this ledger`);
      return c.json({ run });
    })
    .get("/runs", (c) => {
      const q = parseQuery(c, Query);
      const runs = ctx.runList.list(q.before ?? Number.MAX_SAFE_INTEGER, q.limit);
      const last = runs.at(-1);
      return c.json({ runs, next_before: last && runs.length === q.limit ? last.id : null });
    });
}

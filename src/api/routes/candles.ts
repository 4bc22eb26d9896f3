/**
 * GET /candles?coin=&interval=&from=&to=&limit= — the ledger's candles for the charts, oldest first,
 * at most `limit` (≤ 5000) bars; without `interval`, the finest stored one that fits the range. An
 * unknown coin or an interval not stored for it is a 404 naming what is stored.
 */
import { Hono } from "hono";
import * as z from "zod";
import { DAY_MS } from "../../core/clock.ts";
import { INTERVALS } from "../../core/intervals.ts";
import type { ApiContext } from "../context.ts";
import { ApiRequestError } from "../errors.ts";
import { intParam, parseQuery, timeParam } from "../params.ts";

export const CANDLES_DEFAULT_LIMIT = 1000;
export const CANDLES_MAX_LIMIT = 5000;

const Query = z.strictObject({
  coin: z.string().regex(/^[A-Za-z0-9_.:-]{1,40}$/, "must be 1–40 letters, digits or _ . : -"),
  interval: z.enum(INTERVALS, { error: `must be one of ${INTERVALS.join(", ")}` }).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  limit: intParam(1, CANDLES_MAX_LIMIT).default(CANDLES_DEFAULT_LIMIT),
});

export function candleRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/candles", (c) => {
    const q = parseQuery(c, Query);
    const to = q.to ?? ctx.deps.clock.now() + 1;
    if (q.from !== undefined && q.from >= to) throw new ApiRequestError(400, "from: must be before to");
    const stored = ctx.candles.intervals(q.coin);
    if (stored.length === 0) throw new ApiRequestError(404, `coin: no candles stored for ${q.coin}`);
    if (q.interval && !stored.includes(q.interval)) {
      throw new ApiRequestError(
        404,
        `interval: no ${q.interval} candles stored for ${q.coin} (stored: ${stored.join(", ")})`,
      );
    }
    const from = q.from ?? null;
    // Without `from` the interval is the finest whose bars over the last week fit the limit.
    const interval = q.interval ?? ctx.candles.pick(stored, from ?? to - 7 * DAY_MS, to, q.limit)!;
    const range = ctx.candles.get(q.coin, interval, from, to, q.limit);
    return c.json({ ...range, intervals: stored });
  });
}

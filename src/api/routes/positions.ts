/** GET /positions — open shadow and live positions valued at the latest mark (unrealized PnL and R). */
import { Hono } from "hono";
import * as z from "zod";
import type { ApiContext } from "../context.ts";
import { iso, usd } from "../format.ts";
import { modeParam, parseQuery, runIdParam } from "../params.ts";

const Query = z.strictObject({ run_id: runIdParam, mode: modeParam });

export function positionRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/positions", (c) => {
    const q = parseQuery(c, Query);
    const run = ctx.runClock.resolve(q.run_id);
    const positions = ctx.positions.list(q.run_id, q.mode);
    const totals: Record<string, { open: number; unrealized_pnl: number; risk_usd: number }> = {};
    for (const p of positions) {
      const t = totals[p.mode] ?? { open: 0, unrealized_pnl: 0, risk_usd: 0 };
      t.open += 1;
      t.unrealized_pnl += p.unrealized_pnl ?? 0;
      t.risk_usd += p.risk_usd;
      totals[p.mode] = t;
    }
    for (const t of Object.values(totals)) {
      t.unrealized_pnl = usd(t.unrealized_pnl) ?? 0;
      t.risk_usd = usd(t.risk_usd) ?? 0;
    }
    return c.json({
      run_id: q.run_id,
      run_status: run.status,
      now: iso(ctx.runClock.now(q.run_id)),
      positions,
      totals,
    });
  });
}

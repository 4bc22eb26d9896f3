/**
 * GET /summary?run_id=&mode=&days=&since= — a run's figures as the pages show them (SummaryView):
 * the shadow path in R, the live path as an account, events and coverage when the run recorded
 * them. A backtest run shows its WHOLE run by default — its stored RunSummary when it has one,
 * else figured from the ledger over the run's window; `days`/`since` narrow it (figured from the
 * ledger). The daemon (run 0) shows its last `days` (7), or less when it started recording later.
 * An unfinished run is flagged, never complete.
 */
import { Hono } from "hono";
import * as z from "zod";
import { DAY_MS } from "../../core/clock.ts";
import { isRunSummary, type SummaryView, viewOfRunSummary } from "../../ui/web/shared/summary-view.ts";
import { ResponseCache } from "../cache.ts";
import type { ApiContext } from "../context.ts";
import { jsonColumn } from "../format.ts";
import { daysParam, modeParam, parseQuery, runIdParam, timeParam } from "../params.ts";
import type { RunRef } from "../queries/runs.ts";

export const SUMMARY_DEFAULT_DAYS = 7;

const Query = z.strictObject({
  run_id: runIdParam,
  mode: modeParam,
  days: daysParam.optional(),
  since: timeParam.optional(),
});

type Q = z.output<typeof Query>;

/** The run's figures for a query (also what the HTML report embeds, with the whole run). */
export function runSummaryView(
  ctx: Pick<ApiContext, "runClock" | "summary">,
  run: RunRef,
  q: Omit<Q, "run_id">,
  curvePoints?: number,
): SummaryView {
  const params = (jsonColumn(run.row?.params ?? null) ?? {}) as Record<string, unknown>;
  const whole = run.id > 0 && q.days === undefined && q.since === undefined;
  if (whole && run.status === "finished") {
    const stored = jsonColumn(run.row?.summary ?? null);
    if (isRunSummary(stored)) {
      const view = viewOfRunSummary(stored, run.id);
      return q.mode === "shadow" ? { ...view, live: null } : view;
    }
  }
  const to = ctx.runClock.now(run.id) + 1;
  let from: number;
  let end = to;
  if (whole) {
    from = typeof params.from === "number" ? params.from : (ctx.runClock.first(run.id) ?? to - DAY_MS);
    // The requested end, or later when the run recorded something at it (the end-of-test flatten).
    if (typeof params.to === "number") end = Math.max(to, params.to);
  } else {
    from = q.since ?? to - (q.days ?? SUMMARY_DEFAULT_DAYS) * DAY_MS;
    // The daemon's window never opens before it recorded anything: a bot that has run for an hour
    // shows an hour's figures (its days and R per day), not the same R spread over 7 days.
    if (run.id === 0) from = Math.max(from, ctx.runClock.first(0) ?? from);
  }
  return ctx.summary.view({
    runId: run.id,
    window: { from, to: end },
    mode: q.mode,
    modelVersion: run.row?.model ?? null,
    promotedBuckets: params.ignoreCandidates === true || params.ignore_candidates === true ? "all" : null,
    curvePoints,
  });
}

export function summaryRoutes(ctx: ApiContext): Hono {
  const cache = new ResponseCache(ctx.version, 16);
  return new Hono().get("/summary", (c) => {
    const q = parseQuery(c, Query);
    const run = ctx.runClock.resolve(q.run_id);
    // The daemon's window moves with the clock, so its key carries the minute; a run's does not.
    const key = JSON.stringify([q, run.id === 0 ? Math.floor(ctx.deps.clock.now() / 60_000) : 0]);
    const body = cache.get(key, () =>
      JSON.stringify({ run_id: run.id, run_status: run.status, summary: runSummaryView(ctx, run, q) }),
    );
    c.header("Content-Type", "application/json");
    return c.body(body);
  });
}

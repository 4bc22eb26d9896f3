/**
 * GET /metrics — Prometheus text format: tick age, equity, drawdown, open positions, decisions, halts;
 * and the daemon's runtime counters (errors, Hyperliquid 429s, ticks, alert deliveries, heartbeat
 * pings) when a daemon supplies them.
 */
import { Hono } from "hono";
import * as z from "zod";
import type { ApiContext } from "../context.ts";
import { parseQuery } from "../params.ts";
import { PromWriter } from "../prometheus.ts";
import { healthReport } from "./health.ts";

export function renderMetrics(ctx: ApiContext): string {
  const { deps, status } = ctx;
  const now = deps.clock.now();
  const h = deps.health.snapshot();
  const equity = status.latestEquity(0);
  const open = status.openPositions(0);
  const decisions = status.decisions(0);
  const perMode = (values: Record<string, number>) =>
    Object.entries(values).map(([mode, value]) => ({ labels: { mode }, value }));
  const tickAge = h.lastTickAt === null ? null : Math.max(0, now - h.lastTickAt) / 1000;
  const degraded = healthReport(ctx).status !== "ok";

  const w = new PromWriter()
    .metric("hlbot_info", "gauge", "Build and source of these figures.", [
      { labels: { version: h.version, commit: h.commit, source: h.source }, value: 1 },
    ])
    .metric("hlbot_uptime_seconds", "gauge", "Seconds since the serving process started.", [
      { value: Math.max(0, (now - h.startedAt) / 1000) },
    ])
    .metric(
      "hlbot_tick_age_seconds",
      "gauge",
      "Seconds since the last completed tick.",
      tickAge === null ? [] : [{ value: tickAge }],
    )
    .metric("hlbot_degraded", "gauge", "1 when /health reports degraded.", [{ value: degraded ? 1 : 0 }])
    .metric("hlbot_halts_active", "gauge", "Halts in force (kill switch, daily loss, manual).", [
      { value: h.halts.length },
    ])
    .metric("hlbot_feed_state", "gauge", "Market feed state (1 for the current state).", [
      { labels: { state: h.feed.state }, value: 1 },
    ])
    .metric(
      "hlbot_equity_usd",
      "gauge",
      "Account equity at the last snapshot, USDC.",
      equity.map((e) => ({ labels: { mode: e.mode }, value: e.equity })),
    )
    .metric(
      "hlbot_drawdown_ratio",
      "gauge",
      "Drawdown from peak equity at the last snapshot, fraction.",
      equity.map((e) => ({ labels: { mode: e.mode }, value: e.drawdown })),
    )
    .metric("hlbot_open_positions", "gauge", "Open positions.", perMode(open))
    .metric("hlbot_decisions_total", "counter", "Decisions recorded in the ledger.", perMode(decisions));
  if (deps.metrics) {
    const c = deps.metrics.counters();
    w.metric("hlbot_errors_total", "counter", "Errors since start.", [{ value: c.errorsTotal }])
      .metric("hlbot_rate_limited_total", "counter", "HTTP 429 responses from Hyperliquid since start.", [
        { value: c.rateLimitedTotal },
      ])
      .metric("hlbot_ticks_total", "counter", "Ticks completed since start.", [{ value: c.ticksTotal }]);
    deps.metrics.write?.(w);
  }
  return w.toString();
}

export function metricsRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/metrics", (c) => {
    parseQuery(c, z.strictObject({}));
    c.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return c.body(renderMetrics(ctx));
  });
}

/**
 * GET /health — is the bot alive and trading? `degraded` when the last tick is older than three tick
 * periods, the feed is stale or down or its latest frames on a channel fail to decode, or a halt is
 * in force; each cause is listed in `reasons`.
 */
import { Hono } from "hono";
import * as z from "zod";
import type { ApiContext } from "../context.ts";
import { iso } from "../format.ts";
import { parseQuery } from "../params.ts";

/** Ticks a tick may be late before the bot counts as degraded. */
export const STALE_TICK_FACTOR = 3;

/** 95 → "95 s", 7200 → "2.0 h", 3 days → "3.0 d". */
export function humanAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

export function healthReport(ctx: ApiContext) {
  const { deps } = ctx;
  const now = deps.clock.now();
  const h = deps.health.snapshot();
  const tickAge = h.lastTickAt === null ? null : Math.max(0, now - h.lastTickAt) / 1000;
  const reasons: string[] = [];
  if (tickAge === null) reasons.push("no tick recorded yet");
  else if (tickAge > STALE_TICK_FACTOR * deps.tickSeconds) {
    reasons.push(`last tick ${humanAge(tickAge)} ago (> ${STALE_TICK_FACTOR} × ${deps.tickSeconds} s)`);
  }
  if (h.feed.state === "stale" || h.feed.state === "down") reasons.push(`market feed ${h.feed.state}`);
  const failing = h.feed.failingChannels ?? [];
  if (failing.length > 0) {
    reasons.push(
      `market feed frames fail to decode on ${failing.join(", ")} (${h.feed.decodeErrors ?? 0} decode errors): a payload shape change?`,
    );
  }
  for (const halt of h.halts) reasons.push(`halted: ${halt.name}${halt.reason ? ` (${halt.reason})` : ""}`);
  return {
    status: reasons.length === 0 ? ("ok" as const) : ("degraded" as const),
    reasons,
    source: h.source,
    version: h.version,
    commit: h.commit,
    now: iso(now),
    started_at: iso(h.startedAt),
    uptime_seconds: Math.max(0, Math.round((now - h.startedAt) / 1000)),
    last_tick_at: iso(h.lastTickAt),
    last_tick_age_seconds: tickAge === null ? null : Math.round(tickAge * 10) / 10,
    tick_seconds: deps.tickSeconds,
    feed: {
      state: h.feed.state,
      last_message_at: iso(h.feed.lastMessageAt),
      age_seconds: h.feed.lastMessageAt === null ? null : Math.max(0, now - h.feed.lastMessageAt) / 1000,
      decode_errors: h.feed.decodeErrors ?? null,
      failing_channels: failing,
    },
    halts: h.halts.map((x) => ({ ...x, since: iso(x.since), until: iso(x.until) })),
    venue: h.venue,
    ledger: { path: deps.ledgerPath },
  };
}

export function healthRoutes(ctx: ApiContext): Hono {
  return new Hono().get("/health", (c) => {
    parseQuery(c, z.strictObject({}));
    return c.json(healthReport(ctx));
  });
}

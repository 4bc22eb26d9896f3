/**
 * `hlbot backfill [--coins BTC,ETH|all] [--intervals 15m,1h,4h] [--days N] [--until T]`: closed candles and
 * hourly funding from Hyperliquid into the ledger. Resumable and idempotent (a re-run adds 0 rows);
 * stays inside the shared weight budget; prints rows added and weight used per coin.
 */
import { defineCommand } from "citty";
import { wallClock } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";
import { type Interval, isInterval } from "../core/intervals.ts";
import { HyperliquidClient } from "../hyperliquid/client.ts";
import { realSleep } from "../hyperliquid/rate-limit.ts";
import { StoredWeightJournal } from "../hyperliquid/weight-journal.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import { type BackfillSummary, backfill } from "../market/backfill.ts";
import { createContext, globalArgs, runAction } from "./context.ts";
import { createProgress } from "./progress.ts";
import { saveUniverse } from "./universe-cache.ts";

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : null;
}

export const backfillCommand = defineCommand({
  meta: {
    name: "backfill",
    description: "fetch closed candles and funding from Hyperliquid into the ledger (resumable, idempotent)",
  },
  args: {
    ...globalArgs,
    coins: {
      type: "string",
      description: "comma-separated coins, or 'all' for every listed perp (default: engine.coins)",
    },
    intervals: {
      type: "string",
      description: "comma-separated candle intervals (default: engine.intervals)",
    },
    days: {
      type: "string",
      description: "days of history for a series not stored yet (default: market_data.backfill_days)",
    },
    until: {
      type: "string",
      description:
        "treat this time (ISO or epoch ms) as now: only bars closed by then, --days counted back from it",
    },
    json: { type: "boolean", description: "print the summary as JSON" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const intervals = (list(args.intervals) ?? ctx.config.engine.intervals).map((i) => {
        if (!isInterval(i)) throw new UsageError(`--intervals: unknown interval "${i}"`);
        return i as Interval;
      });
      const days = args.days === undefined ? ctx.config.market_data.backfill_days : Number(args.days);
      if (!Number.isInteger(days) || days < 1)
        throw new UsageError(`--days must be a positive integer, got ${args.days}`);
      const now = args.until === undefined ? wallClock.now() : parseTime(args.until);
      const wanted = list(args.coins);
      const db = ctx.openDb();
      try {
        const client = new HyperliquidClient(ctx.config.hyperliquid);
        // The window a previous run (or a daemon on this ledger) left: a re-run at once never bursts.
        const state = new BotStateRepo(db);
        client.limiter.attachJournal(new StoredWeightJournal(state));
        const listed = (await client.info.meta()).universe.filter((a) => !a.isDelisted).map((a) => a.name);
        saveUniverse(state, { at: wallClock.now(), source: client.endpoints.http, coins: listed });
        const coins =
          wanted?.length === 1 && wanted[0] === "all" ? listed : (wanted ?? ctx.config.engine.coins);
        const unknown = coins.filter((c) => !listed.includes(c));
        if (unknown.length > 0) throw new UsageError(`not listed on Hyperliquid: ${unknown.join(", ")}`);
        const progress = createProgress("backfill");
        const summary = await backfill(
          { transport: client.transport, limiter: client.limiter, sleep: realSleep },
          { candles: new CandlesRepo(db), funding: new FundingRepo(db) },
          { coins, intervals, days, now, onProgress: (d, t, l) => progress.update(d, t, l) },
        );
        progress.done();
        print(summary, client.limiter.stats().rateLimited429, args.json === true);
        return summary.failed.length > 0 ? 1 : 0;
      } finally {
        db.close();
      }
    }),
});

function parseTime(value: string): number {
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new UsageError(`--until ${value}: not an ISO time or epoch ms`);
  return t;
}

function print(summary: BackfillSummary, rateLimited: number, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ...summary, rateLimited429: rateLimited }, null, 2));
    return;
  }
  const rows = Object.entries(summary.coins).map(
    ([coin, c]) =>
      `  ${coin.padEnd(6)} candles +${String(c.candles).padEnd(6)} funding +${String(c.funding).padEnd(5)} requests ${String(c.requests).padEnd(3)} weight ${c.weight}`,
  );
  console.log(
    [
      `backfill: ${summary.added} rows added, ${summary.requests} requests, weight ${summary.weight}, ${summary.failedRequests} failed requests (429s ${rateLimited}), ${summary.retries} retries, ${summary.seconds.toFixed(1)} s`,
      ...rows,
      ...summary.failed.map((f) => `  FAILED ${f.coin} ${f.series}: ${f.error} (re-run resumes)`),
    ].join("\n"),
  );
}

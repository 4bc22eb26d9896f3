/**
 * Start-up of the daemon before its first tick: subscribe the websocket (allMids + a candle stream per
 * series) and start it, start the live path when asked (its first attempt awaited; a failure that can
 * pass leaves it retrying beside the shadow path, see live-start.ts), and top up the ledger's history
 * over REST. Hyperliquid being unreachable is not fatal: each step is retried with exponential
 * backoff, logged, until it works or a stop is requested — and a stop request ends start-up at once,
 * whatever request or backoff is in flight (what was in flight is abandoned: every write it would
 * still make is one the crash-safe protocol already survives). A top-up that partly worked goes on
 * (the recorder catches up).
 */

import { createProgress } from "../cli/progress.ts";
import { intervalMs } from "../core/intervals.ts";
import { warmupMs } from "../engine/signal-source.ts";
import { realSleep } from "../hyperliquid/rate-limit.ts";
import { CandlesRepo } from "../ledger/repos/candles.ts";
import { FundingRepo } from "../ledger/repos/funding.ts";
import { log } from "../log.ts";
import type { Daemon } from "./daemon.ts";
import { errorKind } from "./error-kind.ts";
import { topUp } from "./top-up.ts";
import { backoffMs, type Pause, untilStopped } from "./waits.ts";

const slog = () => log.withTag("daemon");

export async function startDaemon(daemon: Daemon, pause: Pause, stopped: Promise<void>): Promise<void> {
  const { config, client, db, clock } = daemon.deps;
  client.ws.subscribe({ type: "allMids" });
  for (const s of daemon.series.list)
    client.ws.subscribe({ type: "candle", coin: s.coin, interval: s.interval });
  client.ws.start();
  slog().info(
    `feed: ${client.endpoints.http} (${daemon.series.coins.length} coins × ${daemon.series.intervals.join("/")}, ${daemon.series.list.length + 1} subscriptions)`,
  );

  const retry = async (what: string, attempt: () => Promise<boolean>): Promise<void> => {
    for (let n = 0; !daemon.stopping; n++) {
      try {
        if (await untilStopped(attempt(), stopped, true)) return;
      } catch (error) {
        slog().warn(`${what} failed (${errorKind(error)})`, error);
      }
      if (daemon.stopping) return;
      const delay = backoffMs(n, config.daemon.connect_retry_initial_ms, config.daemon.connect_retry_max_ms);
      slog().warn(
        `${what}: Hyperliquid not reachable at ${client.endpoints.http}; retry in ${Math.round(delay / 1000)} s`,
      );
      await pause.for(delay);
    }
  };

  const starter = daemon.liveStarter;
  if (starter) await untilStopped(starter.start(), stopped, undefined);
  if (daemon.stopping) return;

  const stores = { candles: new CandlesRepo(db), funding: new FundingRepo(db) };
  const longest = Math.max(...daemon.series.intervals.map((i) => intervalMs(i)));
  await retry("history top-up", async () => {
    const started = performance.now();
    const progress = createProgress("history top-up");
    const r = await topUp(
      { transport: client.transport, limiter: client.limiter, sleep: daemon.deps.sleep ?? realSleep },
      stores,
      daemon.series,
      {
        now: clock.now(),
        historyBars: config.engine.history_bars,
        fundingSpanMs: Math.min(config.engine.history_bars * longest, warmupMs(config, null) + longest),
        stopping: () => daemon.stopping,
        onProgress: (done, total, label) => progress.update(done, total, label),
      },
    );
    progress.done();
    if (daemon.stopping) return true;
    const failed = Object.keys(r.failed);
    const units = daemon.series.list.length + daemon.series.coins.length;
    slog().info(
      `history top-up: +${r.candles} candles, +${r.funding} funding rows, ${r.requests} requests, weight ${r.weight}, ${r.failedRequests} failed requests, ${r.retries} retries${failed.length ? `, ${failed.length} series failed` : ""} (${Math.round(performance.now() - started)} ms)`,
    );
    if (failed.length === 0) return true;
    slog().warn(
      `history top-up failed for ${failed.slice(0, 10).join(", ")}${failed.length > 10 ? ", …" : ""}`,
      r.failed,
    );
    return !r.aborted && failed.length < units; // partial success: go on, the recorder fills the rest
  });
}

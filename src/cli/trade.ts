/**
 * `hlbot trade [--live] [--once] [--force] [--allow-remote]`: the daemon. Shadow by default (every
 * candidate recorded, trades simulated under the configured friction model); `--live` adds the
 * Hyperliquid execution path and needs HL_PRIVATE_KEY / HL_ACCOUNT_ADDRESS. Serves the read-only API
 * when `api.enabled`. SIGTERM/SIGINT stop it cleanly (exit 0). One daemon per ledger (an flock on the
 * ledger and a lock file beside it; a second start exits 75). The limiter's weight window is kept in the
 * ledger, so a restart at once stays inside Hyperliquid's per-minute budget.
 */
import { defineCommand } from "citty";
import { createApiApp } from "../api/app.ts";
import { type ApiServer, assertBindAllowed, startApiServer } from "../api/server.ts";
import { requireLiveSecrets } from "../config/secrets.ts";
import { wallClock } from "../core/clock.ts";
import { Daemon } from "../daemon/daemon.ts";
import { daemonHealth } from "../daemon/health.ts";
import { hyperliquidLivePath } from "../daemon/live-path.ts";
import { checkLosingWeeks } from "../daemon/losing-weeks.ts";
import { onStopSignals } from "../daemon/stop-signals.ts";
import { HyperliquidClient } from "../hyperliquid/client.ts";
import { StoredWeightJournal } from "../hyperliquid/weight-journal.ts";
import { BotStateRepo } from "../ledger/repos/bot-state.ts";
import { log } from "../log.ts";
import { acquireDaemonLock } from "../mining/run-lock.ts";
import { createContext, globalArgs, runAction } from "./context.ts";

/** How long a stopped daemon lets in-flight network work wind down before the process exits, ms. */
const EXIT_GRACE_MS = 3_000;

export const tradeCommand = defineCommand({
  meta: {
    name: "trade",
    description: "run the trading daemon: shadow by default, --live to also trade the promoted buckets",
  },
  args: {
    ...globalArgs,
    live: { type: "boolean", description: "add the live path (needs HL_PRIVATE_KEY and HL_ACCOUNT_ADDRESS)" },
    once: { type: "boolean", description: "run exactly one tick after the warm-up, then exit" },
    force: { type: "boolean", description: "start despite the consecutive-losing-weeks halt" },
    "allow-remote": {
      type: "boolean",
      description: "allow the API to bind beyond loopback (also needs a token: HLBOT_API__TOKEN)",
    },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      const { config } = ctx;
      const secrets = args.live ? requireLiveSecrets(ctx.secrets) : undefined;
      const allowRemote = args["allow-remote"] === true;
      // Refuse a bad bind before anything is created; then folder → lock → ledger.
      if (config.api.enabled) assertBindAllowed(config.api, { allowRemote });
      // One daemon per ledger (also through a hard link): a second one would double every decision and order.
      const lock = acquireDaemonLock(config.ledger.path);
      let db: ReturnType<typeof ctx.openDb>;
      try {
        db = ctx.openDb();
      } catch (error) {
        lock.release();
        throw error;
      }
      let server: ApiServer | null = null;
      let removeSignals = () => {};
      try {
        const clock = wallClock;
        // --live checks the losing weeks after start-up reconciliation (the live path's start).
        if (!args.force && !secrets) checkLosingWeeks(db, clock.now(), config.risk.losing_weeks_halt);
        const client = new HyperliquidClient(config.hyperliquid, secrets, { clock });
        // Start from the weight window the previous process left: a restart never bursts the IP budget.
        client.limiter.attachJournal(new StoredWeightJournal(new BotStateRepo(db)));
        const live = secrets ? hyperliquidLivePath : null;
        const daemon = new Daemon({ config, db, client, clock, live, force: args.force === true });
        removeSignals = onStopSignals(() => daemon.requestStop());
        if (config.api.enabled) {
          const health = daemonHealth({
            db,
            clock,
            client,
            stats: () => daemon.stats(),
            live: secrets !== undefined,
          });
          const app = createApiApp({
            db,
            ledgerPath: config.ledger.path,
            candidatesPath: config.live.candidates_path,
            tickSeconds: config.engine.tick_seconds,
            health,
            metrics: health,
            clock,
            api: { token: config.api.token, dashboardRefreshSeconds: config.api.dashboard_refresh_seconds },
          });
          server = startApiServer(app, config.api, { allowRemote });
          log.info(`API on ${server.url}/ (health, positions, decisions, metrics, dashboard)`);
        }
        log.info(`hlbot trade: ${secrets ? "shadow + LIVE" : "shadow"} mode, ledger ${config.ledger.path}`);
        try {
          await daemon.run({ once: args.once === true });
        } finally {
          await daemon.close();
        }
        const s = daemon.stats();
        const t = client.transport.stats();
        log.info(
          `stopped after ${s.ticks} ticks (${s.errorsTotal} tick errors: ${JSON.stringify(s.errors)}; ` +
            `Hyperliquid: ${t.failed} failed requests, ${t.retries} retries${t.lastError ? `, last: ${t.lastError}` : ""})`,
        );
        return 0;
      } finally {
        removeSignals();
        await server?.stop();
        db.close();
        lock.release();
        // Work still in flight (a REST retry's backoff) must not hold the process once the ledger is closed.
        setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
      }
    }),
});

/**
 * `hlbot demo`: the daemon of `hlbot trade` (src/daemon/run-daemon.ts, same code path) against a
 * local Hyperliquid venue started in this process on the embedded sample. ONE accelerated clock
 * drives both: the venue follows it (replayed prices, fills, funding, websocket pushes) and the
 * daemon ticks, paces and waits on it. The live path trades on the venue with a demo account whose
 * key the venue made (handed over in memory, never read from the environment), under the demo's
 * promoted buckets; /health says `venue.demo: true`. Its ledger is a fresh file (a new temp folder
 * unless --db), never the configured `ledger.path`.
 */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Config } from "../config/schema.ts";
import type { AlertSecrets } from "../config/sections/alerts.ts";
import { UsageError } from "../core/errors.ts";
import { runDaemon } from "../daemon/run-daemon.ts";
import { openLedger } from "../ledger/open.ts";
import { AcceleratedClock } from "../local-venue/accelerated-clock.ts";
import { startLocalVenue } from "../local-venue/server.ts";
import { log } from "../log.ts";
import { demoBanner } from "./banner.ts";
import { writeDemoCandidates } from "./candidates.ts";
import { demoConfig } from "./config.ts";
import { preloadHistory } from "./preload.ts";
import { embeddedSample, SAMPLE_COINS, SAMPLE_END } from "./sample.ts";

/** The default start: measured so that at 60× the first minute shows every panel (docs/demo.md). */
export const DEMO_DEFAULT_FROM = Date.parse("2025-06-20T14:40:00Z");
export const DEMO_DEFAULT_SPEED = 60;

export interface DemoOptions {
  /** The loaded config (file or defaults), its ledger.path the production one. */
  base: Config;
  from: number;
  speed: number;
  /** API port; 0 = any free one. */
  port: number;
  /** The demo's ledger; default a new file in a new temp folder. */
  dbPath?: string | undefined;
  live: boolean;
  /** Notifier secrets (environment / .env): the demo alerts only where `alerts` enables a notifier. */
  alertSecrets?: AlertSecrets | undefined;
  /** Where the banner goes (stdout). */
  print: (text: string) => void;
}

export async function runDemo(o: DemoOptions): Promise<number> {
  const paths = demoPaths(o.dbPath, o.base.ledger.path);
  const coins = demoCoins(o.base.engine.coins);
  // Held at --from while the ledger is filled with the history before it and the daemon warms up;
  // then venue and daemon move together.
  const clock = new AcceleratedClock(o.from, o.speed, { held: true });
  const sample = embeddedSample();
  const venue = startLocalVenue({ data: sample, clock, rateClock: () => clock.now() });
  let endTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    const usdc = o.base.engine.shadow_equity_usd;
    const account = o.live ? venue.createAccount({ usdc }) : null;
    const config = demoConfig(o.base, {
      venue,
      ledgerPath: paths.ledger,
      candidatesPath: paths.candidates,
      port: o.port,
      speed: o.speed,
      coins,
    });
    const buckets = writeDemoCandidates(paths.candidates, config, o.from);
    log.info(`demo candidates: ${buckets} buckets promoted in ${paths.candidates}`);
    return await runDaemon({
      config,
      openDb: () => openLedger(config.ledger.path, { busyTimeoutMs: config.ledger.busy_timeout_ms }),
      secrets: account
        ? {
            privateKey: account.privateKey as `0x${string}`,
            accountAddress: account.address as `0x${string}`,
          }
        : undefined,
      alertSecrets: o.alertSecrets,
      prepare: (db) => {
        const loaded = preloadHistory(db, sample, config.engine, o.from);
        log.info(
          `ledger: ${loaded.candles} candles and ${loaded.funding} funding events of the sample before ${new Date(o.from).toISOString()} (what \`hlbot import\` loads)`,
        );
      },
      // The replay starts once the daemon is warmed up, so no minute of it is lost at any speed.
      onStarted: () => {
        clock.run();
        log.info(`replay running from ${new Date(o.from).toISOString()} at ${o.speed}×`);
        endTimer = setTimeout(
          () =>
            log.warn(
              `the sample's data ends at ${new Date(SAMPLE_END).toISOString()}: prices stand still now`,
            ),
          (SAMPLE_END - o.from) / o.speed,
        );
        endTimer.unref();
      },
      time: { clock, speed: o.speed, sleep: clock.sleep },
      demo: true,
      name: "hlbot demo",
      onReady: ({ apiUrl }) =>
        o.print(
          demoBanner({
            dashboardUrl: `${apiUrl}/`,
            venueUrl: venue.url,
            from: o.from,
            speed: o.speed,
            coins: coins.length,
            ledgerPath: paths.ledger,
            account: account && { address: account.address, usdc },
          }),
        ),
    });
  } finally {
    clearTimeout(endTimer);
    await venue.stop();
  }
}

/** A fresh ledger: `--db FILE` (which must not exist yet) or a new temp folder; candidates beside it. */
function demoPaths(dbPath: string | undefined, production: string): { ledger: string; candidates: string } {
  if (dbPath === production)
    throw new UsageError(
      `--db ${dbPath}: that is ledger.path, the production ledger; the demo never writes it`,
    );
  if (dbPath && existsSync(dbPath)) {
    throw new UsageError(
      `--db ${dbPath}: exists; the demo replays into a fresh ledger (give a new path, or leave --db out for a temp one)`,
    );
  }
  const dir = dbPath ? dirname(dbPath) : mkdtempSync(join(tmpdir(), "hlbot-demo-"));
  mkdirSync(dir, { recursive: true });
  return {
    ledger: dbPath ?? join(dir, "hlbot-demo.db"),
    candidates: join(dir, "demo_live_candidates.json"),
  };
}

/** The configured coins the sample has data for (every one, on the default basket). */
function demoCoins(configured: readonly string[]): string[] {
  const coins = configured.filter((c) => SAMPLE_COINS.includes(c));
  const dropped = configured.filter((c) => !SAMPLE_COINS.includes(c));
  if (coins.length === 0) {
    throw new UsageError(
      `engine.coins has no coin of the demo sample (${SAMPLE_COINS.join(", ")}); the demo needs at least one`,
    );
  }
  if (dropped.length > 0) log.warn(`not in the demo sample, left out: ${dropped.join(", ")}`);
  return coins;
}

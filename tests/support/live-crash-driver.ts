/**
 * A live trader that runs until it is killed: each loop syncs with the exchange, opens, moves stops on
 * and closes positions on a few coins through the real live path (HyperliquidBook + executor +
 * reconciler) against a fake Hyperliquid. The crash test SIGKILLs it at random points and restarts it.
 * Usage: bun live-crash-driver.ts <httpUrl> <wsUrl> <db> <privateKey> <account> <seed> [--final]
 */
import { ConfigSchema } from "../../src/config/schema.ts";
import { VenueSection } from "../../src/config/sections/venue.ts";
import type { Candidate } from "../../src/core/signal.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { LedgerJournal } from "../../src/engine/journals.ts";
import type { MarketView } from "../../src/engine/ports.ts";
import { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { OpenPositionsRepo } from "../../src/ledger/repos/open-positions.ts";
import { createLivePath } from "../../src/live/live-path.ts";

const [http, ws, dbPath, privateKey, account, seedArg, final] = process.argv.slice(2);
const coins = ["BTC", "ETH", "SOL", "AVAX"];
const config = ConfigSchema.parse({ risk: { max_leverage: 10 }, engine: { coins } });
const venue = VenueSection.parse({ network: "custom", http_url: http, ws_url: ws, request_timeout_ms: 1000 });
const client = new HyperliquidClient(venue, {
  privateKey: privateKey as `0x${string}`,
  accountAddress: account as `0x${string}`,
});
const db = openLedger(dbPath!);
const clock = { now: () => Date.now() };
const journal = new LedgerJournal(db, 0, clock);

/** Live positions the ledger holds open, restored as the daemon restores them. */
const restore = () => new OpenPositionsRepo(db).list(0, "live", () => config.exits.trail_distance_r);

const live = await createLivePath({
  config,
  client,
  db,
  journal,
  clock,
  account: new EquityTracker("live", 10_000),
  modelVersion: "v4",
  restored: restore(),
});
await live.start();
console.log("started"); // the crash test times most of its kills from here (machine load varies)
if (final) {
  db.close();
  process.exit(0);
}
let rng = Number(seedArg) || 1;
const rand = () => {
  rng = (rng * 1103515245 + 12345) % 2 ** 31;
  return rng / 2 ** 31;
};
for (let loop = 0; ; loop++) {
  await live.beforeTick();
  const mids = await client.info.allMids();
  const view: MarketView = {
    now: clock.now(),
    closedBars: [],
    segments: new Map(),
    funding: [],
    price: (c) => (mids[c] ? Number(mids[c]) : undefined),
  };
  for (const coin of coins) {
    const open = live.book.open.find((p) => p.coin === coin);
    const px = view.price(coin);
    if (px === undefined) continue;
    if (!open) {
      const side = rand() < 0.5 ? "long" : "short";
      const d = side === "long" ? 1 : -1;
      const c: Candidate = {
        strategy: "crash",
        coin,
        timeframe: "15m",
        candleT: clock.now() * 10 + (loop % 10),
        decidedAt: clock.now(),
        side,
        scoreRaw: 90,
        score: 90,
        regime: "Neutral",
        session: "ANY",
        volBucket: "mid",
        setupKey: `${coin}|${loop}`,
        entryRef: px,
        stop: px * (1 - d * 0.003),
        target: px * (1 + d * 0.05),
        features: {},
      };
      const plan = live.book.plan(c, view);
      if (!plan.ok) continue;
      const id = journal.recordDecision({
        mode: "live",
        candidate: c,
        verdict: "open",
        reasons: [],
        modelVersion: "v4",
      });
      live.book.enter(plan, id, clock.now());
    } else if (rand() < 0.3) {
      const d = open.side === "long" ? 1 : -1;
      live.book.queue.push({
        kind: "stop",
        position: open,
        stopPx: Number((open.stopPx + d * px * 0.0005).toPrecision(5)),
      });
    } else if (rand() < 0.2) {
      live.book.queue.push({ kind: "exit", position: open, reason: "manual", size: open.size, refPx: px });
    }
  }
  await live.afterTick();
}

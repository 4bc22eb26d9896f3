/** A live path over a fresh ledger against a fresh fake Hyperliquid, for the live-path tests. */
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Candidate } from "../../src/core/signal.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { LedgerJournal } from "../../src/engine/journals.ts";
import type { MarketView } from "../../src/engine/ports.ts";
import type { Position } from "../../src/engine/position.ts";
import { openLedger } from "../../src/ledger/open.ts";
import type { LiveEvent } from "../../src/live/events.ts";
import { createLivePath } from "../../src/live/live-path.ts";
import { fakeClient } from "../support/fake-hl/client.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";

export const fakes: FakeHyperliquid[] = [];

/** Stops every fake the tests started. */
export async function stopFakes(): Promise<void> {
  for (const f of fakes.splice(0)) await f.stop();
}

export async function setup(env: Record<string, string> = {}) {
  const f = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z", rateLimit: false });
  fakes.push(f);
  const acct = f.createAccount({ usdc: 10_000 });
  const secrets = {
    privateKey: acct.privateKey as `0x${string}`,
    accountAddress: acct.address as `0x${string}`,
  };
  const clock = { now: () => f.now() };
  const client = fakeClient(f, { secrets, clock });
  const { config } = loadConfig({ cwd: scratchDir(), env });
  const dbPath = join(scratchDir(), "l.db");
  const db = openLedger(dbPath);
  const journal = new LedgerJournal(db, 0, clock);
  const events: LiveEvent[] = [];
  const start = async (restored: Position[] = []) => {
    const live = await createLivePath({
      config,
      client,
      db,
      journal,
      clock,
      account: new EquityTracker("live", 10_000),
      modelVersion: "v4",
      restored,
      onEvent: (e) => events.push(e),
    });
    await live.start();
    return live;
  };
  const view = (): MarketView => ({
    now: f.now(),
    closedBars: [],
    segments: new Map(),
    funding: [],
    price: (c) => f.mark(c) ?? undefined,
  });
  const decide = (c: Candidate) =>
    journal.recordDecision({ mode: "live", candidate: c, verdict: "open", reasons: [], modelVersion: "v4" });
  return { f, acct, client, db, journal, start, view, decide, config, events };
}

export function candidate(
  coin: string,
  mark: number,
  stopFrac: number,
  side: "long" | "short" = "long",
): Candidate {
  const d = side === "long" ? 1 : -1;
  return {
    strategy: "momentum",
    coin,
    timeframe: "15m",
    candleT: 0,
    decidedAt: 0,
    side,
    scoreRaw: 80,
    score: 80,
    regime: "Neutral",
    session: "US_MAIN",
    volBucket: "mid",
    setupKey: `${coin}|${side}|0`,
    entryRef: mark,
    stop: mark * (1 - d * stopFrac),
    target: mark * (1 + d * 4 * stopFrac),
    features: {},
  };
}

export const orders = (db: ReturnType<typeof openLedger>) =>
  db.query("SELECT role, status FROM orders ORDER BY id").all() as { role: string; status: string }[];

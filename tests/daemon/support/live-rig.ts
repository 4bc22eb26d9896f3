/**
 * The daemon WITH the Hyperliquid live path against the local venue, on the harness's one manual
 * clock: a funded account whose key signs, and helpers to open a live position through the live
 * book exactly as a tick's entry would (plan → enter → send).
 */

import { alertLiveEvent } from "../../../src/alerts/live-events.ts";
import { Daemon } from "../../../src/daemon/daemon.ts";
import { hyperliquidLivePath } from "../../../src/daemon/live-path.ts";
import { LedgerJournal } from "../../../src/engine/journals.ts";
import type { MarketView } from "../../../src/engine/ports.ts";
import type { Position } from "../../../src/engine/position.ts";
import { HyperliquidClient } from "../../../src/hyperliquid/client.ts";
import type { LiveEvent } from "../../../src/live/events.ts";
import { startDaemonSession } from "../../../src/runs/daemon-session.ts";
import { candidate } from "../../live/support.ts";
import type { CreatedAccount } from "../../support/fake-hl/index.ts";
import { type Rig, type RigOptions, rig } from "./harness.ts";

export interface LiveRig extends Rig {
  acct: CreatedAccount;
  events: LiveEvent[];
}

export function liveRig(
  o: RigOptions & { usdc?: number; force?: boolean; acct?: CreatedAccount; sessionRun?: boolean },
): LiveRig {
  const r = rig({ ...o, live: null });
  // As `hlbot trade` does: a session run that the engine's risk events are recorded under.
  const session = o.sessionRun
    ? startDaemonSession(r.db, { config: r.config, kind: "trade", live: true, clock: r.clock })
    : null;
  const acct = o.acct ?? r.fake.createAccount({ usdc: o.usdc ?? 25_000 });
  const client = new HyperliquidClient(
    r.config.hyperliquid,
    { privateKey: acct.privateKey as `0x${string}`, accountAddress: acct.address as `0x${string}` },
    { clock: r.clock, rateClock: r.clock, sleep: r.sleep, random: () => 0.5 },
  );
  const events: LiveEvent[] = [];
  const daemon = new Daemon({
    config: r.config,
    db: r.db,
    client,
    clock: r.clock,
    sleep: r.sleep,
    live: hyperliquidLivePath,
    force: o.force === true,
    // As `hlbot trade` wires it: to the process-wide alert sink (nowhere unless a test started alerts).
    onLiveEvent: (e) => {
      events.push(e);
      alertLiveEvent(e);
    },
    ...(session ? { sessionRunId: session.id } : {}),
  });
  return { ...r, client, daemon, acct, events };
}

/** Opens a live position on `coin` (stop `stopFrac` away) through the running daemon's live book. */
export async function openLive(r: LiveRig, coin: string, stopFrac: number): Promise<Position> {
  const live = r.daemon.live;
  if (!live) throw new Error("the live path has not started");
  const view: MarketView = {
    now: r.clock.now(),
    closedBars: [],
    segments: new Map(),
    funding: [],
    price: (c) => r.fake.mark(c) ?? undefined,
  };
  const c = candidate(coin, r.fake.mark(coin)!, stopFrac);
  const plan = live.path.book.plan(c, view);
  if (!plan.ok) throw new Error(plan.reason);
  const id = new LedgerJournal(r.db, 0, r.clock).recordDecision({
    mode: "live",
    candidate: c,
    verdict: "open",
    reasons: [],
    modelVersion: "v4",
  });
  live.path.book.enter(plan, id, r.clock.now());
  await live.path.afterTick();
  const p = live.path.book.open.find((q) => q.coin === coin);
  if (!p) throw new Error(`no ${coin} position opened`);
  return p;
}

/** What the venue holds on `coin` for the rig's account (0 when flat). */
export function held(r: LiveRig, coin: string): number {
  return r.fake.account(r.acct.address)?.positions.get(coin)?.szi ?? 0;
}

/** Order rows of a role, oldest first, as "status". */
export function orderStatuses(r: Rig, role: string): string[] {
  return (
    r.db.query("SELECT status FROM orders WHERE role = ?1 ORDER BY id").all(role) as { status: string }[]
  ).map((o) => o.status);
}

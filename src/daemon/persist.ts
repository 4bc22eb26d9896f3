/**
 * What a committed tick leaves in the ledger besides the engine's own rows, written inside the same
 * transaction: halts, each path's account state, the feed cursors (when they moved), the trail
 * distance of open positions (when it changed), the best price of open shadow positions (the trail
 * starts from it; the engine writes a position only when its stop or size changes), and a heartbeat.
 */
import type { PositionsRepo } from "../ledger/repos/positions.ts";
import type { LiveSetup } from "./live-path.ts";
import type { Session } from "./session.ts";
import type { DaemonStateStore, FeedCursors } from "./state-store.ts";

export interface PersistContext {
  store: DaemonStateStore;
  positions: PositionsRepo;
  live: LiveSetup | null;
}

export function persistTick(
  ctx: PersistContext,
  session: Session,
  cursors: FeedCursors | null,
  now: number,
  heartbeat: { ticks: number; pid: number },
): void {
  const { engine } = session;
  const { store } = ctx;
  store.saveHalts(engine.halts, now);
  store.saveAccount("shadow", engine.shadow.account.snapshotState(), now);
  if (ctx.live) store.saveAccount("live", ctx.live.account.snapshotState(), now);
  if (cursors) store.saveCursors(cursors, now);

  const trails: Record<string, number> = {};
  for (const p of engine.shadow.open) trails[p.id] = p.trailDistanceR;
  for (const p of engine.live?.open ?? []) trails[p.id] = p.trailDistanceR;
  const trailsJson = JSON.stringify(trails);
  if (trailsJson !== session.trailsJson) {
    store.saveTrails(trails, now);
    session.trailsJson = trailsJson;
  }

  const open = new Set<number>();
  for (const p of engine.shadow.open) {
    open.add(p.id);
    if (session.writtenBest.get(p.id) === p.bestPx) continue;
    ctx.positions.updatePosition(p, now);
    session.writtenBest.set(p.id, p.bestPx);
  }
  for (const id of session.writtenBest.keys()) if (!open.has(id)) session.writtenBest.delete(id);

  store.heartbeat(
    { t: now, ticks: heartbeat.ticks, mode: ctx.live ? "live" : "shadow", pid: heartbeat.pid },
    now,
  );
}

/**
 * The daemon checkpoints its ledger's WAL itself, at quiet moments. SQLite's automatic checkpoint
 * runs inside whichever commit pushes the WAL past 1,000 pages — at a 4h close that is the commit
 * of the websocket's 600 new bars, which then also copies the WAL into the database file and syncs
 * it (≈ 25 ms of the bars-to-ledger write, measured in bench/daemon.ts). With the automatic
 * checkpoint off on the daemon's connection, a PASSIVE checkpoint (never waits for readers or the
 * writer; copies what it can) runs when nothing closed, at most once per `everyMs`, so the write
 * in front of a tick never pays for it. Durability is unchanged: a commit is in the WAL either way.
 */
import type { Database } from "bun:sqlite";

/** Default spacing of the daemon's checkpoints (the websocket sampler runs far more often). */
export const CHECKPOINT_EVERY_MS = 60_000;

export interface CheckpointResult {
  /** WAL frames at the checkpoint, and how many of them were copied into the database file. */
  walFrames: number;
  checkpointed: number;
  ms: number;
}

export class WalCheckpointer {
  #last = Number.NEGATIVE_INFINITY;
  /** Checkpoints run, and the wall time of the latest, ms (for the bench). */
  count = 0;
  lastMs = 0;

  constructor(
    private readonly db: Database,
    private readonly everyMs: number = CHECKPOINT_EVERY_MS,
  ) {
    db.run("PRAGMA wal_autocheckpoint = 0");
  }

  /** Checkpoints when the moment is quiet and the last one is `everyMs` old; null when it did not. */
  maybe(now: number, quiet: boolean): CheckpointResult | null {
    if (!quiet || now - this.#last < this.everyMs) return null;
    this.#last = now;
    const t0 = performance.now();
    const row = this.db.query("PRAGMA wal_checkpoint(PASSIVE)").get() as {
      busy: number;
      log: number;
      checkpointed: number;
    } | null;
    this.lastMs = performance.now() - t0;
    this.count++;
    return { walFrames: row?.log ?? 0, checkpointed: row?.checkpointed ?? 0, ms: this.lastMs };
  }
}

/**
 * The websocket side of the daemon between ticks: what the adapter's caches hold goes in — mids into
 * the price path, closed candles into the ledger's candle inbox (only bars whose last update came on
 * the current connection: a bar that closed while the socket was down may be a partial one, and the
 * recorder's REST catch-up fetches it instead). At a quiet moment (nothing closed) it does the ledger
 * upkeep that must never land in front of a tick: the inbox fold, or else the WAL checkpoint
 * (src/daemon/wal-checkpoint.ts) — one of them per moment.
 */
import type { Database } from "bun:sqlite";
import type { WsClient } from "../hyperliquid/ws-client.ts";
import type { CandleSink } from "./candle-sink.ts";
import type { LiveCandles } from "./live-candles.ts";
import type { MidPath } from "./mid-path.ts";
import { WalCheckpointer } from "./wal-checkpoint.ts";

export interface WsSamplerDeps {
  db: Database;
  ws: WsClient;
  mids: MidPath;
  sink: CandleSink;
  candles: LiveCandles;
  /** A failure the loop survives (counted and logged by the daemon). */
  onError: (what: string, error: unknown) => void;
}

export class WsSampler {
  /** Made by the first `sample`: a daemon that samples owns the checkpoints (SQLite's are off). */
  #checkpoints: WalCheckpointer | null = null;
  #folds = { count: 0, lastMs: 0, lastRows: 0 };
  /** WS candles that closed before this time may be a pre-reconnect partial bar: REST fetches those. */
  #trustWsAfter = Number.POSITIVE_INFINITY;
  #wsConnects = -1;

  constructor(private readonly deps: WsSamplerDeps) {}

  /** The sampler's step between ticks: `ingest`, and at a quiet moment the fold or the checkpoint. */
  sample(now: number): void {
    this.#checkpoints ??= new WalCheckpointer(this.deps.db);
    if (this.ingest(now) > 0) return;
    if (this.foldInbox()) return;
    try {
      this.#checkpoints.maybe(now, true);
    } catch (error) {
      this.deps.onError("checkpoint", error);
    }
  }

  /** Mids and closed candles from the caches; returns how many closed bars there were (0: quiet). */
  ingest(now: number): number {
    const { ws, db, sink } = this.deps;
    const connects = ws.stats().connects;
    if (connects !== this.#wsConnects) {
      this.#wsConnects = connects;
      this.#trustWsAfter = now;
    }
    this.deps.mids.sample(ws.cache.latestMids());
    const closed = ws.cache.drainClosedCandles().filter((c) => c.T + 1 > this.#trustWsAfter);
    try {
      if (closed.length > 0) db.transaction(() => sink.ingest(closed, now))();
    } catch (error) {
      this.deps.onError("ingest", error);
    }
    return closed.length;
  }

  /** Folds the candle inbox when bars wait in it; true when it did. Never throws (reported). */
  foldInbox(): boolean {
    try {
      const r = this.deps.candles.fold();
      if (!r) return false;
      this.#folds = { count: this.#folds.count + 1, lastMs: r.ms, lastRows: r.rows };
      return true;
    } catch (error) {
      this.deps.onError("inbox_fold", error);
      return false;
    }
  }

  /** WAL checkpoints so far (count, and the latest one's wall ms). */
  checkpointStats(): { count: number; lastMs: number } {
    return { count: this.#checkpoints?.count ?? 0, lastMs: this.#checkpoints?.lastMs ?? 0 };
  }

  /** Inbox folds so far (count, and the latest one's wall ms and bars). */
  foldStats(): { count: number; lastMs: number; lastRows: number } {
    return { ...this.#folds };
  }
}

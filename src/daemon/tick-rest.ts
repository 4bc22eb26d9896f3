/**
 * The REST work a tick waits for, never past `daemon.rest_deadline_ms`: the market recorder's run
 * (candles the websocket missed, hourly funding, asset contexts, book samples — one run at a time;
 * past the deadline it goes on in the background and the tick goes on without it) and the mids over
 * REST while the websocket is down. A failure is reported and the loop goes on.
 */
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import type { MarketRecorder } from "../market/recorder.ts";
import type { ErrorCounts } from "./error-kind.ts";
import type { MidPath } from "./mid-path.ts";
import { withinDeadline } from "./waits.ts";

export interface TickRestDeps {
  recorder: MarketRecorder;
  client: HyperliquidClient;
  mids: MidPath;
  /** The deadline of one wait, in wall ms. */
  deadlineMs: () => number;
  errors: ErrorCounts;
  onError: (what: string, error: unknown) => void;
}

export class TickRest {
  #recording: Promise<void> | null = null;
  /** Waits that ended at the deadline with the REST work still going. */
  deferred = 0;

  constructor(private readonly deps: TickRestDeps) {}

  /** The recorder's work for this tick (a run still going from an earlier tick is waited for instead). */
  async record(now: number): Promise<void> {
    if (!this.#recording) {
      this.#recording = this.deps.recorder
        .tick(now)
        .then(
          (r) => this.deps.errors.add("recorder", r.errors),
          (error) => this.deps.onError("recorder", error),
        )
        .finally(() => {
          this.#recording = null;
        });
    }
    const waited = await withinDeadline(this.#recording, this.deps.deadlineMs());
    if (!waited.done) this.deferred++;
  }

  /** Mids over REST (while the websocket is down). */
  async mids(): Promise<void> {
    const request = this.deps.client.info.allMids();
    request.catch(() => undefined);
    try {
      const r = await withinDeadline(request, this.deps.deadlineMs());
      if (r.done) this.deps.mids.sample(r.value);
      else this.deferred++;
    } catch (error) {
      this.deps.onError("mids", error);
    }
  }

  /** Waits for a recorder run in flight, at most `ms` of wall time (winding down). */
  async settle(ms: number): Promise<void> {
    if (this.#recording) await withinDeadline(this.#recording, ms);
  }
}

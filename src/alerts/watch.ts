/**
 * Turns what /health shows into alerts, by watching it change from one tick to the next: a halt
 * coming into force (kill switch, daily loss, manual) or lifting, and the market feed going down
 * (after `feedDownAfterMs` of it) or coming back. It reads the very snapshot the API serves, so an
 * alert and the dashboard never disagree. The first snapshot is the baseline (the start alert lists
 * the halts already in force).
 */
import type { HealthSnapshot } from "../api/types.ts";
import { PAUSE_KEY_PREFIX } from "../control/pauses.ts";
import type { AlertSink } from "./alert.ts";
import { alertEvents } from "./events.ts";

export class HealthWatch {
  #halts: Set<string> | null = null;
  #downSince: number | null = null;
  #downAlerted = false;

  constructor(
    private readonly sink: AlertSink,
    private readonly feedDownAfterMs: number,
  ) {}

  observe(h: HealthSnapshot, now: number): void {
    // A `hlbot ctl pause` is a halt record too, but its own control_action alert already told.
    const halts = h.halts.filter((x) => !x.name.startsWith(PAUSE_KEY_PREFIX));
    const names = new Set(halts.map((x) => x.name));
    if (this.#halts) {
      for (const halt of halts) {
        if (!this.#halts.has(halt.name))
          this.sink.emit(alertEvents.haltStarted({ name: halt.name, reason: halt.reason }));
      }
      for (const name of this.#halts) if (!names.has(name)) this.sink.emit(alertEvents.haltLifted({ name }));
    }
    this.#halts = names;

    const down = h.feed.state === "down" || h.feed.state === "stale";
    if (down) {
      this.#downSince ??= now;
      if (!this.#downAlerted && now - this.#downSince >= this.feedDownAfterMs) {
        this.#downAlerted = true;
        this.sink.emit(
          alertEvents.feedDown({ state: h.feed.state, forSeconds: (now - this.#downSince) / 1000 }),
        );
      }
    } else if (h.feed.state === "live" && this.#downSince !== null) {
      if (this.#downAlerted)
        this.sink.emit(alertEvents.feedUp({ downSeconds: (now - this.#downSince) / 1000 }));
      this.#downSince = null;
      this.#downAlerted = false;
    }
  }
}

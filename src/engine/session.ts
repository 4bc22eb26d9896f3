/**
 * The trading session of a moment, from the UTC time-of-day windows in config (sessions section):
 * each window runs from its start to the next window's start, the last one wrapping past midnight.
 */

import type { SessionsConfig } from "../config/sections/sessions.ts";
import { DAY_MS, MINUTE_MS } from "../core/clock.ts";

const MINUTES_PER_DAY = DAY_MS / MINUTE_MS;

export class SessionTable {
  private readonly names: string[];
  /** Session name of every minute of the UTC day (the lookup is one array read). */
  private readonly byMinute: string[];
  private lastT = Number.NaN;
  private lastSession = "";

  constructor(cfg: SessionsConfig) {
    this.names = cfg.windows.map((w) => w.name);
    const starts = cfg.windows.map((w) => {
      const [h, m] = w.start.split(":");
      return Number(h) * 60 + Number(m);
    });
    this.byMinute = [];
    for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
      // Before the first start we are still in the last window (it wraps past midnight).
      let i = starts.length - 1;
      for (let k = 0; k < starts.length && starts[k]! <= minute; k++) i = k;
      this.byMinute.push(this.names[i]!);
    }
  }

  /** Every session name, in window order. */
  get sessions(): readonly string[] {
    return this.names;
  }

  /** Session containing the instant `t` (ms UTC). */
  at(t: number): string {
    // The bars scanned in one tick share their close time: remember the last answer.
    if (t === this.lastT) return this.lastSession;
    this.lastT = t;
    this.lastSession = this.lookup(t);
    return this.lastSession;
  }

  private lookup(t: number): string {
    // t − floor(t/day)·day is the time of day for negative t too, without two float modulos.
    return this.byMinute[Math.floor((t - Math.floor(t / DAY_MS) * DAY_MS) / MINUTE_MS)]!;
  }
}

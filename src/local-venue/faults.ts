/**
 * Fault injection on demand: a rule names a fault kind, optionally an endpoint and a request type
 * (info type such as "candleSnapshot", action type such as "order", or a websocket subscription
 * type), and fires either for the next `times` matching requests or with `probability` per request
 * from a SEEDED generator, so a flaky run replays exactly.
 */
import { seededRng } from "./rng.ts";

export type FaultKind =
  /** HTTP 500; an exchange action is NOT executed. */
  | "http500"
  /** HTTP 429 as if the IP limit were hit; nothing executed. */
  | "http429"
  /** Answer after `delayMs` (default 2 000); an exchange action is executed first. */
  | "slow"
  /** Hold the answer `delayMs` (default 120 000, past any client timeout); an action IS executed. */
  | "timeout"
  /** HTTP 200 with the real JSON cut in half; an action IS executed. */
  | "malformed"
  /** Orders rejected with `message` (+ " asset=N"); other actions answered `{"status":"err"}`. */
  | "reject"
  /** IOC/GTC orders fill only `fillFraction` (default 0.5) of their size now. */
  | "partialFill"
  /** The websocket is cut (no close frame) on its next message from the client. */
  | "wsDrop"
  /** The websocket stops sending anything (pongs included) until the client gives up. */
  | "wsSilence";

export type FaultEndpoint = "info" | "exchange" | "ws";

export interface FaultRule {
  kind: FaultKind;
  endpoint?: FaultEndpoint;
  type?: string;
  times?: number;
  probability?: number;
  delayMs?: number;
  message?: string;
  fillFraction?: number;
}

const DEFAULT_ENDPOINT: Partial<Record<FaultKind, FaultEndpoint>> = {
  reject: "exchange",
  partialFill: "exchange",
  wsDrop: "ws",
  wsSilence: "ws",
};

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number;
}

export class Faults {
  private readonly rules: ActiveRule[] = [];
  private readonly rng: () => number;
  private nextId = 1;
  /** How many times each kind fired. */
  readonly fired: Partial<Record<FaultKind, number>> = {};

  constructor(seed: number) {
    this.rng = seededRng(seed, "faults");
  }

  /** Adds a rule; returns its id (for `remove`). */
  inject(rule: FaultRule): number {
    const id = this.nextId++;
    const remaining = rule.probability !== undefined ? Number.POSITIVE_INFINITY : (rule.times ?? 1);
    this.rules.push({ id, rule, remaining });
    return id;
  }

  remove(id: number): void {
    const i = this.rules.findIndex((r) => r.id === id);
    if (i >= 0) this.rules.splice(i, 1);
  }

  clear(): void {
    this.rules.length = 0;
  }

  active(): (FaultRule & { id: number; remaining: number })[] {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, remaining: r.remaining }));
  }

  /** The rules that fire for this request (at most one per kind), consuming their counts. */
  take(endpoint: FaultEndpoint, type: string): FaultRule[] {
    const out: FaultRule[] = [];
    for (const r of [...this.rules]) {
      const ep = r.rule.endpoint ?? DEFAULT_ENDPOINT[r.rule.kind];
      if (ep !== undefined && ep !== endpoint) continue;
      if (ep === undefined && endpoint === "ws") continue;
      if (r.rule.type !== undefined && r.rule.type !== type) continue;
      if (out.some((o) => o.kind === r.rule.kind)) continue;
      if (r.rule.probability !== undefined && this.rng() >= r.rule.probability) continue;
      out.push(r.rule);
      this.fired[r.rule.kind] = (this.fired[r.rule.kind] ?? 0) + 1;
      if (--r.remaining <= 0) this.remove(r.id);
    }
    return out;
  }
}

/**
 * Request counters of the fake: requests and weight per info type / action type / coin, the 429s
 * its own rate limiter answered (a well-behaved client keeps that at zero), faults fired, and
 * websocket traffic. `snapshot()` is what tests and the admin route read.
 */

export interface TypeCount {
  count: number;
  weight: number;
}

export interface StatsSnapshot {
  requests: number;
  /** Total weight charged (info + exchange). */
  weight: number;
  info: Record<string, TypeCount>;
  exchange: Record<string, TypeCount>;
  /** Weight of info requests that name a coin, per coin. */
  weightByCoin: Record<string, number>;
  /** 429s answered by the fake's own limiter (budget exceeded). */
  rateLimited: number;
  /** Requests refused as malformed (HTTP 422). */
  badRequests: number;
  faults: Record<string, number>;
  ws: { connections: number; open: number; messagesIn: number; messagesOut: number; drops: number };
}

export class FakeStats {
  private s: StatsSnapshot = empty();

  record(endpoint: "info" | "exchange", type: string, weight: number, coin?: string): void {
    this.s.requests++;
    this.charge(endpoint, type, weight, coin);
    this.s[endpoint][type]!.count++;
  }

  /** Extra weight charged after the answer (per-item weight). */
  charge(endpoint: "info" | "exchange", type: string, weight: number, coin?: string): void {
    const bucket = this.s[endpoint];
    bucket[type] ??= { count: 0, weight: 0 };
    bucket[type].weight += weight;
    this.s.weight += weight;
    if (coin) this.s.weightByCoin[coin] = (this.s.weightByCoin[coin] ?? 0) + weight;
  }

  rateLimited(): void {
    this.s.rateLimited++;
  }

  badRequest(): void {
    this.s.badRequests++;
  }

  get ws(): StatsSnapshot["ws"] {
    return this.s.ws;
  }

  snapshot(faults: Record<string, number>): StatsSnapshot {
    return structuredClone({ ...this.s, faults });
  }

  reset(): void {
    const open = this.s.ws.open;
    this.s = empty();
    this.s.ws.open = open;
  }
}

function empty(): StatsSnapshot {
  return {
    requests: 0,
    weight: 0,
    info: {},
    exchange: {},
    weightByCoin: {},
    rateLimited: 0,
    badRequests: 0,
    faults: {},
    ws: { connections: 0, open: 0, messagesIn: 0, messagesOut: 0, drops: 0 },
  };
}

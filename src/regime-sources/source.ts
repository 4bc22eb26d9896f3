/**
 * The live prediction-market source: polls each configured market in the BACKGROUND and serves the
 * risk score from the last good prices. `poll()` only starts requests that are due (each bounded by
 * timeout_ms, at most one in flight per market) and returns at once — a tick calls it and then reads
 * `riskScoreAt(now)` without ever waiting on the network. A failed poll is counted per market and by
 * kind; the market keeps its last good price (with its age) until that is older than
 * max_age_seconds. Every price received is handed to `record` (the snapshot recorder) with the
 * clock's time of receipt, which is what a replay later treats as "known from".
 */
import type { PredictionMarketsConfig } from "../config/sections/prediction-markets.ts";
import type { Clock } from "../core/clock.ts";
import { PredictionFetchError, type PredictionFetchFailure } from "./errors.ts";
import type { MarketQuote } from "./polymarket-client.ts";
import { type ObservedPrice, type RiskReading, type RiskScoreSource, riskScore } from "./risk-score.ts";
import type { PredictionSnapshot } from "./snapshots-repo.ts";

export const POLYMARKET = "polymarket";

/** What the source needs from a client (PolymarketClient, or a stand-in in tests). */
export interface QuoteClient {
  quote(slug: string, outcome: string): Promise<MarketQuote>;
}

export interface MarketStatus {
  slug: string;
  last: ObservedPrice | null;
  inFlight: boolean;
  /** Next time a poll of this market is due (ms). */
  nextAt: number;
  errors: Record<PredictionFetchFailure, number>;
  lastError: string | null;
}

const noErrors = (): Record<PredictionFetchFailure, number> => ({
  timeout: 0,
  network: 0,
  http: 0,
  schema: 0,
  not_found: 0,
});

export class PredictionMarketSource implements RiskScoreSource {
  private readonly state = new Map<string, MarketStatus>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly cfg: PredictionMarketsConfig,
    private readonly client: QuoteClient,
    private readonly clock: Clock,
    private readonly record: (s: PredictionSnapshot) => void = () => {},
  ) {
    for (const m of cfg.markets) {
      this.state.set(m.slug, {
        slug: m.slug,
        last: null,
        inFlight: false,
        nextAt: Number.NEGATIVE_INFINITY,
        errors: noErrors(),
        lastError: null,
      });
    }
  }

  /** Starts the polls that are due; never waits for them. Returns how many were started. */
  poll(): number {
    const now = this.clock.now();
    let started = 0;
    for (const m of this.cfg.markets) {
      const st = this.state.get(m.slug)!;
      if (st.inFlight || now < st.nextAt) continue;
      st.inFlight = true;
      st.nextAt = now + this.cfg.poll_seconds * 1000;
      started++;
      const done = this.client
        .quote(m.slug, m.outcome)
        .then((q) => this.accept(st, m.outcome, q))
        .catch((e: unknown) => this.reject(st, e))
        .finally(() => {
          st.inFlight = false;
          this.pending.delete(done);
        });
      this.pending.add(done);
    }
    return started;
  }

  riskScoreAt(t: number): RiskReading {
    return riskScore(
      (slug) => {
        const last = this.state.get(slug)?.last ?? null;
        return last !== null && last.t <= t ? last : null;
      },
      t,
      this.cfg,
    );
  }

  /** Per-market state: last good price, in-flight flag, error counts (for status and the API). */
  status(): MarketStatus[] {
    return [...this.state.values()].map((s) => ({ ...s, errors: { ...s.errors } }));
  }

  /** Resolves when every request in flight has finished (shutdown, tests). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private accept(st: MarketStatus, outcome: string, q: MarketQuote): void {
    const t = this.clock.now();
    st.last = { probability: q.probability, t };
    st.lastError = null;
    try {
      this.record({
        source: POLYMARKET,
        market: q.slug,
        outcome,
        t,
        probability: q.probability,
        sourceT: q.sourceT,
        closed: q.closed,
      });
    } catch (e) {
      // A recorder failure loses one snapshot, never the live value.
      st.lastError = `recording failed: ${(e as Error).message}`;
    }
  }

  private reject(st: MarketStatus, e: unknown): void {
    const failure = e instanceof PredictionFetchError ? e.failure : "network";
    st.errors[failure]++;
    st.lastError = (e as Error).message;
  }
}

/**
 * Reads one market's outcome price from Polymarket's public Gamma API (`GET /markets?slug=…`, no
 * auth), with a hard timeout. Every failure is a typed PredictionFetchError: timeout, network,
 * non-2xx status, a body that is not the documented shape, or no market / no such outcome.
 */
import { PredictionFetchError } from "./errors.ts";
import { GammaMarketsResponse } from "./gamma-schema.ts";

/** One market's price as read. */
export interface MarketQuote {
  slug: string;
  /** Price of the configured outcome, in [0, 1]. */
  probability: number;
  /** Gamma's own update time of the market (ms), when it sent one. */
  sourceT: number | null;
  closed: boolean;
}

export interface PolymarketClientOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Injected for tests; the global fetch by default. */
  fetch?: typeof fetch;
}

export class PolymarketClient {
  private readonly fetchImpl: typeof fetch;
  private readonly base: string;

  constructor(private readonly opts: PolymarketClientOptions) {
    this.fetchImpl = opts.fetch ?? fetch;
    this.base = opts.baseUrl.replace(/\/+$/, "");
  }

  async quote(slug: string, outcome: string): Promise<MarketQuote> {
    const url = `${this.base}/markets?slug=${encodeURIComponent(slug)}`;
    let res: Response;
    let body: unknown;
    try {
      res = await this.fetchImpl(url, {
        signal: AbortSignal.timeout(this.opts.timeoutMs),
        headers: { accept: "application/json" },
      });
      if (!res.ok) {
        throw new PredictionFetchError("http", slug, `HTTP ${res.status} from ${this.base}`);
      }
      body = await res.json();
    } catch (cause) {
      if (cause instanceof PredictionFetchError) throw cause;
      const name = (cause as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new PredictionFetchError("timeout", slug, `no answer within ${this.opts.timeoutMs} ms`, {
          cause,
        });
      }
      if (cause instanceof SyntaxError) {
        throw new PredictionFetchError("schema", slug, "response is not JSON", { cause });
      }
      throw new PredictionFetchError("network", slug, (cause as Error).message, { cause });
    }
    const parsed = GammaMarketsResponse.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join(".") ?? "";
      throw new PredictionFetchError("schema", slug, `unexpected response shape at "${where}"`, {
        cause: parsed.error,
      });
    }
    const market = parsed.data.find((m) => m.slug === slug);
    if (!market) throw new PredictionFetchError("not_found", slug, "no market with this slug");
    const i = market.outcomes.findIndex((o) => o.toLowerCase() === outcome.toLowerCase());
    const p = i >= 0 ? market.outcomePrices[i] : undefined;
    if (p === undefined) {
      throw new PredictionFetchError(
        "not_found",
        slug,
        `no price for outcome "${outcome}" (outcomes: ${market.outcomes.join(", ")})`,
      );
    }
    const sourceT = market.updatedAt ? Date.parse(market.updatedAt) : Number.NaN;
    return {
      slug,
      probability: p,
      sourceT: Number.isFinite(sourceT) ? sourceT : null,
      closed: market.closed === true,
    };
  }
}

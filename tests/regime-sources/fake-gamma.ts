/**
 * A local fake of Polymarket's Gamma API on 127.0.0.1 (ephemeral port) for the regime-source tests:
 * `GET /markets?slug=…` answers the markets set with `setMarket` in Gamma's shape (outcomes and
 * prices as JSON strings), and per-slug faults can be injected: an HTTP status, a raw body, or a
 * delay (a held request ends by itself after at most `delayMs`). Every request is logged.
 */
export interface FakeMarket {
  slug: string;
  outcomes: string[];
  prices: string[];
  closed?: boolean;
  updatedAt?: string;
}

export interface Fault {
  status?: number;
  body?: string;
  delayMs?: number;
}

export class FakeGamma {
  readonly requests: string[] = [];
  private readonly markets = new Map<string, FakeMarket>();
  private readonly faults = new Map<string, Fault>();
  private readonly server: ReturnType<typeof Bun.serve>;

  constructor() {
    this.server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (req) => this.handle(req),
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  setMarket(m: FakeMarket): void {
    this.markets.set(m.slug, m);
  }

  setFault(slug: string, fault: Fault | null): void {
    if (fault) this.faults.set(slug, fault);
    else this.faults.delete(slug);
  }

  stop(): void {
    this.server.stop(true);
  }

  private async handle(req: Request): Promise<Response> {
    const u = new URL(req.url);
    this.requests.push(`${u.pathname}${u.search}`);
    if (u.pathname !== "/markets") return new Response("not found", { status: 404 });
    const slug = u.searchParams.get("slug") ?? "";
    const fault = this.faults.get(slug);
    if (fault?.delayMs) await Bun.sleep(fault.delayMs);
    if (fault?.status) return new Response(fault.body ?? "error", { status: fault.status });
    if (fault?.body !== undefined)
      return new Response(fault.body, { headers: { "content-type": "application/json" } });
    const m = this.markets.get(slug);
    const body = m
      ? [
          {
            id: String(500000 + this.markets.size),
            question: `Will ${slug} happen?`,
            slug: m.slug,
            outcomes: JSON.stringify(m.outcomes),
            outcomePrices: JSON.stringify(m.prices),
            active: !m.closed,
            closed: m.closed ?? false,
            updatedAt: m.updatedAt ?? "2026-01-05T12:00:00.123456Z",
            volume: "123456.78",
            clobTokenIds: JSON.stringify(["1111", "2222"]),
          },
        ]
      : [];
    return Response.json(body);
  }
}

import { afterAll, describe, expect, test } from "bun:test";
import { PredictionFetchError } from "../../src/regime-sources/errors.ts";
import { GammaMarketsResponse } from "../../src/regime-sources/gamma-schema.ts";
import { PolymarketClient } from "../../src/regime-sources/polymarket-client.ts";
import { FakeGamma } from "./fake-gamma.ts";

const fake = new FakeGamma();
afterAll(() => fake.stop());
const client = new PolymarketClient({ baseUrl: `${fake.url}/`, timeoutMs: 250 });

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PredictionFetchError);
    return (e as PredictionFetchError).failure;
  }
  throw new Error("expected a PredictionFetchError");
}

describe("PolymarketClient against a local fake of the Gamma API", () => {
  test("reads the configured outcome's price from Gamma's string-encoded arrays", async () => {
    fake.setMarket({ slug: "us-recession-2026", outcomes: ["Yes", "No"], prices: ["0.235", "0.765"] });
    const q = await client.quote("us-recession-2026", "Yes");
    expect(q).toEqual({
      slug: "us-recession-2026",
      probability: 0.235,
      sourceT: Date.parse("2026-01-05T12:00:00.123Z"),
      closed: false,
    });
    expect((await client.quote("us-recession-2026", "no")).probability, "outcome names ignore case").toBe(
      0.765,
    );
    expect(fake.requests.at(-1)).toBe("/markets?slug=us-recession-2026");
  });

  test("real arrays are accepted too; prices outside [0, 1] are not", () => {
    const ok = GammaMarketsResponse.safeParse([
      { id: 7, slug: "x", outcomes: ["Yes", "No"], outcomePrices: [0.1, 0.9] },
    ]);
    expect(ok.success && ok.data[0]!.outcomePrices).toEqual([0.1, 0.9]);
    const bad = GammaMarketsResponse.safeParse([
      { id: "7", slug: "x", outcomes: '["Yes","No"]', outcomePrices: '["1.2","-0.2"]' },
    ]);
    expect(bad.success).toBe(false);
  });

  test("each failure is a typed error: not found, unknown outcome, HTTP status, bad body, timeout", async () => {
    expect(await failure(client.quote("no-such-market", "Yes"))).toBe("not_found");
    fake.setMarket({ slug: "three-way", outcomes: ["A", "B", "C"], prices: ["0.2", "0.3", "0.5"] });
    expect(await failure(client.quote("three-way", "Yes"))).toBe("not_found");
    fake.setFault("broken", { status: 503 });
    expect(await failure(client.quote("broken", "Yes"))).toBe("http");
    fake.setFault("garbled", { body: "<html>rate limited</html>" });
    expect(await failure(client.quote("garbled", "Yes"))).toBe("schema");
    fake.setFault("reshaped", { body: JSON.stringify({ markets: [] }) });
    expect(await failure(client.quote("reshaped", "Yes"))).toBe("schema");
    fake.setFault("slow", { delayMs: 1500 });
    expect(await failure(client.quote("slow", "Yes"))).toBe("timeout");
  });

  test("a closed port is a network error, not an exception of another kind", async () => {
    const dead = new PolymarketClient({ baseUrl: "http://127.0.0.1:9", timeoutMs: 500 });
    expect(await failure(dead.quote("x", "Yes"))).toBe("network");
  });
});

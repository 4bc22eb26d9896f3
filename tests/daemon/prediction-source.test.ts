// hlbot trade with the prediction-market source on, against the fake Hyperliquid and a local fake of
// Polymarket's Gamma API: the daemon polls it off the tick (a market that never answers in time does
// not slow a tick down or make it fail), every price received lands in prediction_snapshots, and a
// request's errors are counted, not raised.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { FakeGamma } from "../regime-sources/fake-gamma.ts";
import { type Rig, rig, shutdown, step } from "./support/harness.ts";

const gamma = new FakeGamma();
let r: Rig;

beforeAll(async () => {
  gamma.setMarket({ slug: "war", outcomes: ["Yes", "No"], prices: ["0.2", "0.8"] });
  gamma.setMarket({ slug: "hangs", outcomes: ["Yes", "No"], prices: ["0.9", "0.1"] });
  gamma.setFault("hangs", { delayMs: 1_500 });
  r = rig({
    time: "2025-06-02T00:00:10Z",
    overrides: {
      "prediction_markets.enabled": true,
      "prediction_markets.base_url": gamma.url,
      "prediction_markets.timeout_ms": 200,
      "prediction_markets.poll_seconds": 60,
      "prediction_markets.markets": [{ slug: "war" }, { slug: "hangs", crisis_at: 0.5 }],
    },
  });
  await r.daemon.start();
  for (let i = 0; i < 20; i++) {
    await step(r);
    await Bun.sleep(20); // the event loop between ticks, where the answers arrive
  }
}, 120_000);
afterAll(async () => {
  await shutdown(r);
  gamma.stop();
});

describe("the daemon with the prediction-market source", () => {
  test("ticks run without errors while one market never answers in time", () => {
    const s = r.daemon.stats();
    expect(s.ticks).toBe(20);
    expect(s.errors).toEqual({});
  });

  test("the answered market's prices are recorded in prediction_snapshots at hlbot's receive time", () => {
    const rows = r.db
      .query("SELECT source, market, outcome, probability, t FROM prediction_snapshots ORDER BY t")
      .all() as { source: string; market: string; outcome: string; probability: number; t: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(5); // one poll a (fake) minute, 10 minutes of ticks
    expect(rows.every((x) => x.source === "polymarket" && x.market === "war" && x.probability === 0.2)).toBe(
      true,
    );
    expect(gamma.requests.filter((q) => q.includes("slug=hangs")).length).toBeGreaterThan(0);
  });
});

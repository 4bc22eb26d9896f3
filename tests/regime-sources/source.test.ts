/**
 * The live source against the local fake: polls run in the background (a tick reads the score while
 * a request is held), errors and timeouts are counted per market and kind, the last good price is
 * served with its age until it is too old, and every price received lands in prediction_snapshots.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { PredictionMarketsSection } from "../../src/config/sections/prediction-markets.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { livePredictionSource } from "../../src/regime-sources/index.ts";
import { PredictionSnapshotsRepo } from "../../src/regime-sources/snapshots-repo.ts";
import { FakeGamma } from "./fake-gamma.ts";

const fake = new FakeGamma();
afterAll(() => fake.stop());
const T0 = Date.UTC(2026, 0, 5, 12);

function setup() {
  const cfg = PredictionMarketsSection.parse({
    enabled: true,
    base_url: fake.url,
    timeout_ms: 200,
    poll_seconds: 60,
    max_age_seconds: 600,
    markets: [
      { slug: "recession", weight: 2 },
      { slug: "calm", outcome: "Yes", invert: true },
    ],
  });
  const db = openLedger(":memory:");
  const clock = new ManualClock(T0);
  const source = livePredictionSource(cfg, db, clock)!;
  return { cfg, db, clock, source, repo: new PredictionSnapshotsRepo(db) };
}

describe("PredictionMarketSource", () => {
  test("off by default: no source is built", () => {
    const db = openLedger(":memory:");
    expect(livePredictionSource(PredictionMarketsSection.parse({}), db, new ManualClock(T0))).toBeNull();
  });

  test("polls in the background, scores the received prices and records each one", async () => {
    fake.setMarket({ slug: "recession", outcomes: ["Yes", "No"], prices: ["0.6", "0.4"] });
    fake.setMarket({ slug: "calm", outcomes: ["Yes", "No"], prices: ["0.7", "0.3"] });
    const { source, clock, repo } = setup();
    expect(source.poll()).toBe(2);
    expect(source.riskScoreAt(clock.now()).score, "nothing received yet").toBeNull();
    await source.settle();
    const r = source.riskScoreAt(clock.now());
    // (2·0.6 + 1·(1 − 0.7)) / 3
    expect(r.score).toBeCloseTo(0.5, 12);
    expect(r.ageMs).toBe(0);
    expect(r.crisis).toBe(false);
    expect(source.poll(), "not due again before poll_seconds").toBe(0);
    const rows = repo.list("polymarket", "recession", "Yes");
    expect(rows).toEqual([
      {
        source: "polymarket",
        market: "recession",
        outcome: "Yes",
        t: T0,
        probability: 0.6,
        sourceT: Date.parse("2026-01-05T12:00:00.123Z"),
        closed: false,
      },
    ]);
  });

  test("a tick never waits: with a request held past its timeout, the last good price is served with its age", async () => {
    fake.setMarket({ slug: "recession", outcomes: ["Yes", "No"], prices: ["0.6", "0.4"] });
    fake.setMarket({ slug: "calm", outcomes: ["Yes", "No"], prices: ["0.7", "0.3"] });
    const { source, clock } = setup();
    source.poll();
    await source.settle();
    fake.setFault("recession", { delayMs: 2000 });
    fake.setMarket({ slug: "calm", outcomes: ["Yes", "No"], prices: ["0.9", "0.1"] });
    clock.advance(60_000);
    const started = source.poll();
    expect(started).toBe(2);
    // The tick goes on at once: the held market is in flight and still counts with its old price.
    const during = source.riskScoreAt(clock.now());
    expect(source.status().find((s) => s.slug === "recession")!.inFlight).toBe(true);
    expect(during.markets.find((m) => m.slug === "recession")).toEqual({
      slug: "recession",
      risk: 0.6,
      ageMs: 60_000,
    });
    expect(source.poll(), "no second request while one is in flight").toBe(0);
    await source.settle();
    const st = source.status().find((s) => s.slug === "recession")!;
    expect(st.errors.timeout).toBe(1);
    expect(st.lastError).toContain("no answer within 200 ms");
    expect(st.inFlight).toBe(false);
    const after = source.riskScoreAt(clock.now());
    // recession still 0.6 (age 60 s); calm updated to 0.9 → risk 0.1.
    expect(after.score).toBeCloseTo((2 * 0.6 + 0.1) / 3, 12);
    expect(after.ageMs).toBe(60_000);
    fake.setFault("recession", null);
  });

  test("errors are counted by kind; a price older than max_age drops out; recovery resumes", async () => {
    fake.setMarket({ slug: "recession", outcomes: ["Yes", "No"], prices: ["0.8", "0.2"] });
    fake.setMarket({ slug: "calm", outcomes: ["Yes", "No"], prices: ["0.5", "0.5"] });
    const { source, clock, repo } = setup();
    source.poll();
    await source.settle();
    fake.setFault("recession", { status: 500 });
    fake.setFault("calm", { body: "{}" });
    for (let i = 0; i < 11; i++) {
      clock.advance(60_000);
      source.poll();
      await source.settle();
    }
    const [rec, calm] = source.status();
    expect(rec!.errors).toEqual({ timeout: 0, network: 0, http: 11, schema: 0, not_found: 0 });
    expect(calm!.errors.schema).toBe(11);
    const stale = source.riskScoreAt(clock.now());
    expect(stale.score, "660 s old > max_age 600 s").toBeNull();
    expect(stale.markets[0]).toEqual({ slug: "recession", risk: null, ageMs: 660_000 });
    fake.setFault("recession", null);
    fake.setFault("calm", null);
    clock.advance(60_000);
    source.poll();
    await source.settle();
    expect(source.riskScoreAt(clock.now()).score).toBeCloseTo((2 * 0.8 + 0.5) / 3, 12);
    expect(repo.list("polymarket", "recession", "Yes").map((r) => r.t)).toEqual([T0, T0 + 720_000]);
  });

  test("the score at an earlier time ignores a price received later", async () => {
    fake.setMarket({ slug: "recession", outcomes: ["Yes", "No"], prices: ["0.3", "0.7"] });
    fake.setMarket({ slug: "calm", outcomes: ["Yes", "No"], prices: ["0.5", "0.5"] });
    const { source, clock } = setup();
    source.poll();
    await source.settle();
    expect(source.riskScoreAt(clock.now() - 1).score).toBeNull();
  });
});

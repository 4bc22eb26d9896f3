// Regime risk rules in the engine, with the prediction-market source polling a local fake of
// Polymarket's Gamma API over real BTC 15m bars: a crisis refuses live entries (prediction_crisis),
// an elevated score shrinks them, and a source that errors or hangs never blocks a tick — the engine
// keeps trading on the last snapshot while it is fresh, and unscaled once it is stale or absent.
import { afterAll, describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/loader.ts";
import { PredictionMarketsSection } from "../../src/config/sections/prediction-markets.ts";
import { ManualClock } from "../../src/core/clock.ts";
import { assembleEngine } from "../../src/engine/assemble.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { livePredictionSource } from "../../src/regime-sources/index.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { ReplayFeed } from "../../src/sim/replay-feed.ts";
import { FakeGamma } from "../regime-sources/fake-gamma.ts";
import { realSeries } from "../support/engine-harness.ts";
import { scratchDir } from "../support/paths.ts";
import { ScriptedSignals } from "../support/scripted-signals.ts";

const fake = new FakeGamma();
afterAll(() => fake.stop());
const T = (iso: string) => Date.parse(`${iso}Z`);
const setup = {
  coin: "BTC",
  side: "short" as const,
  candleT: T("2025-02-07T18:45"),
  stop: 98100,
  target: 97020,
};
const pm = (slug: string, extra: Record<string, unknown> = {}) =>
  PredictionMarketsSection.parse({
    enabled: true,
    base_url: fake.url,
    timeout_ms: 200,
    poll_seconds: 60,
    max_age_seconds: 3600,
    crisis_score: 0.7,
    reduce_from: 0.4,
    min_multiplier: 0.25,
    markets: [{ slug }],
    ...extra,
  });

/** Ticks the engine over the bars; between ticks the event loop runs (answers arrive), as in the daemon. */
async function run(
  slug: string | null,
  cfg = slug ? pm(slug) : null,
  afterFirstTick?: (source: NonNullable<ReturnType<typeof livePredictionSource>>) => Promise<void>,
) {
  const clockStart = T("2025-02-07T16:45");
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  const clock = new ManualClock(clockStart);
  const source = cfg ? livePredictionSource(cfg, openLedger(":memory:"), clock) : null;
  const journal = new MemoryJournal();
  const engine = assembleEngine({
    config,
    model: resolveModel(getModel("v4"), config.friction, config.exits),
    signals: new ScriptedSignals([setup], ["shadow", "live"]),
    journal,
    runId: 1,
    withLive: true,
    startEquity: { shadow: 10_000, live: 10_000 },
    ignorePromotion: true,
    riskRegime: source && cfg ? { source, config: cfg } : null,
  });
  const feed = new ReplayFeed({
    series: [realSeries("BTC", "15m", T("2025-02-07T16:45"), T("2025-02-08T02:00"))],
    funding: new Map(),
  });
  let tickBlockedOn = 0;
  let first = true;
  for (const t of feed.times()) {
    clock.set(t);
    engine.tick(feed.view(t)); // synchronous: it cannot wait for the source
    tickBlockedOn += source?.status().filter((s) => s.inFlight).length ?? 0;
    if (first && source && afterFirstTick) await afterFirstTick(source);
    first = false;
    await Bun.sleep(source ? 25 : 0);
  }
  await source?.settle();
  const live = journal.decisions.filter((d) => d.mode === "live");
  const livePositions = journal.positions.filter((p) => p.mode === "live");
  return {
    live,
    livePositions,
    source,
    tickBlockedOn,
    shadow: journal.positions.filter((p) => p.mode === "shadow"),
  };
}

describe("regime risk rules with the prediction-market source", async () => {
  fake.setMarket({ slug: "war", outcomes: ["Yes", "No"], prices: ["0.9", "0.1"] });
  fake.setMarket({ slug: "worry", outcomes: ["Yes", "No"], prices: ["0.55", "0.45"] });
  fake.setMarket({ slug: "hangs", outcomes: ["Yes", "No"], prices: ["0.9", "0.1"] });
  fake.setFault("hangs", { delayMs: 2_000 });
  const base = await run(null);
  const crisis = await run("war");
  const worry = await run("worry");
  const hangs = await run("hangs");

  test("without the source the live path trades the setup", () => {
    expect(base.livePositions).toHaveLength(1);
    expect(base.live.map((d) => d.verdict)).toEqual(["open"]);
  });

  test("score 0.9 ≥ crisis 0.7: the live entry is refused as prediction_crisis; shadow still records it", () => {
    expect(crisis.live.map((d) => [d.verdict, d.reasons])).toEqual([["rejected", ["prediction_crisis"]]]);
    expect(crisis.livePositions).toHaveLength(0);
    expect(crisis.shadow).toHaveLength(1);
  });

  test("score 0.55: sized × (1 − (0.55 − 0.4)/(0.7 − 0.4) · 0.75) = 0.625 of the unscaled entry", () => {
    const p = worry.livePositions[0]!;
    const b = base.livePositions[0]!;
    expect(p.entryPx).toBe(b.entryPx);
    expect(p.initialSize / b.initialSize).toBeCloseTo(0.625, 3); // lot rounding
  });

  test("a source that hangs past its timeout never blocks: ticks went on with requests in flight, unscaled", () => {
    expect(hangs.tickBlockedOn).toBeGreaterThan(0);
    expect(hangs.livePositions[0]!.initialSize).toBe(base.livePositions[0]!.initialSize);
    const st = hangs.source!.status()[0]!;
    expect(st.errors.timeout).toBeGreaterThan(0);
    expect(st.last).toBeNull();
  });
});

describe("a failing source: the last good snapshot counts until max_age, then nothing", async () => {
  test("HTTP 500 after a crisis reading: refused while the reading is fresh, traded once it is stale", async () => {
    fake.setMarket({ slug: "flaky", outcomes: ["Yes", "No"], prices: ["0.95", "0.05"] });
    // The first answer (a crisis, received at 16:45) arrives, then every poll (each 15 min) fails.
    const failAfterFirst = async (source: { settle(): Promise<void> }) => {
      await source.settle();
      fake.setFault("flaky", { status: 500 });
    };
    // The signal is decided at 19:00, when the 16:45 reading is 2 h 15 min old.
    const stale = await run(
      "flaky",
      pm("flaky", { poll_seconds: 900, max_age_seconds: 3600 }),
      failAfterFirst,
    );
    expect(stale.source!.status()[0]!.errors.http).toBeGreaterThan(3);
    expect(stale.source!.status()[0]!.last!.probability).toBe(0.95);
    expect(stale.live.map((d) => d.verdict)).toEqual(["open"]);
    fake.setFault("flaky", null);
    const fresh = await run(
      "flaky",
      pm("flaky", { poll_seconds: 900, max_age_seconds: 4 * 3600 }),
      failAfterFirst,
    );
    fake.setFault("flaky", null);
    expect(fresh.source!.status()[0]!.errors.http).toBeGreaterThan(3);
    expect(fresh.live.map((d) => d.reasons)).toEqual([["prediction_crisis"]]);
  });
});

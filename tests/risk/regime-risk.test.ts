// The regime risk rules as pure functions: no reading changes nothing; a crisis blocks; the score
// shrinks size linearly from reduce_from to min_multiplier at crisis_score.
import { describe, expect, test } from "bun:test";
import { PredictionMarketsSection } from "../../src/config/sections/prediction-markets.ts";
import { regimePort } from "../../src/regime-sources/port.ts";
import type { RiskReading } from "../../src/regime-sources/risk-score.ts";
import { NO_REGIME_RISK, regimeRisk } from "../../src/risk/regime-risk.ts";

const cfg = PredictionMarketsSection.parse({ reduce_from: 0.4, crisis_score: 0.7, min_multiplier: 0.25 });
const reading = (score: number | null, crisis = false): RiskReading => ({
  t: 0,
  score,
  crisis,
  ageMs: score === null ? null : 0,
  markets: [],
});

describe("regimeRisk", () => {
  test("no reading, or no fresh price: unscaled and never blocked", () => {
    expect(regimeRisk(null, cfg)).toEqual(NO_REGIME_RISK);
    expect(regimeRisk(reading(null), cfg)).toMatchObject({ blocked: false, sizeMultiplier: 1 });
  });
  test("below reduce_from 1, then linear to min_multiplier at crisis_score, blocked in a crisis", () => {
    expect(regimeRisk(reading(0.4), cfg).sizeMultiplier).toBe(1);
    expect(regimeRisk(reading(0.55), cfg).sizeMultiplier).toBeCloseTo(0.625, 12);
    expect(regimeRisk(reading(0.7, true), cfg)).toMatchObject({ blocked: true, sizeMultiplier: 0.25 });
    // A single market's crisis_at can flag a crisis below crisis_score.
    expect(regimeRisk(reading(0.5, true), cfg).blocked).toBe(true);
  });
  test("the port: direction from the classifier, risk from the source (null when off), refresh polls", () => {
    let polls = 0;
    const port = regimePort(() => "Long", {
      source: { riskScoreAt: (t) => ({ ...reading(0.5), t }), poll: () => ++polls },
      config: cfg,
    });
    port.refresh();
    expect(polls).toBe(1);
    expect(port.direction("ETH")).toBe("Long");
    expect(port.risk(42)?.t).toBe(42);
    expect(regimePort(() => "Neutral", null).risk(1)).toBeNull();
  });
});

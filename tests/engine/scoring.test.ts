import { describe, expect, test } from "bun:test";
import { RegimeSection } from "../../src/config/sections/regime.ts";
import { finalScore, regimeMultiplier } from "../../src/engine/scoring.ts";

describe("regime scoring", () => {
  const cfg = RegimeSection.parse({});

  test("mean reversion is scaled 0.6 in any trend regime, 1.0 when neutral", () => {
    expect(regimeMultiplier("mean_reversion", "long", "Long", cfg)).toBe(0.6);
    expect(regimeMultiplier("mean_reversion", "long", "Short", cfg)).toBe(0.6);
    expect(regimeMultiplier("mean_reversion", "short", "Neutral", cfg)).toBe(1);
  });

  test("with-trend momentum favoured, counter-trend penalised", () => {
    expect(regimeMultiplier("momentum", "long", "Long", cfg)).toBe(1.2);
    expect(regimeMultiplier("momentum", "short", "Short", cfg)).toBe(1.2);
    expect(regimeMultiplier("momentum", "short", "Long", cfg)).toBe(0.5);
    expect(regimeMultiplier("trend_alpha", "long", "Short", cfg)).toBe(0.4);
  });

  test("final score is capped", () => {
    expect(finalScore(90, 1.2, cfg.score_cap)).toBe(100);
    expect(finalScore(50, 0.6, cfg.score_cap)).toBe(30);
  });
});

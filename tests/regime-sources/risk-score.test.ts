import { describe, expect, test } from "bun:test";
import { ConfigSchema } from "../../src/config/schema.ts";
import { PredictionMarketsSection } from "../../src/config/sections/prediction-markets.ts";
import { crisisBlock, riskScore, sizeMultiplier } from "../../src/regime-sources/risk-score.ts";

const cfg = PredictionMarketsSection.parse({
  markets: [{ slug: "a" }, { slug: "b", weight: 3, invert: true }],
});

describe("risk score, size multiplier, crisis block", () => {
  test("weighted mean of fresh risk probabilities; none fresh → null (and sizing untouched)", () => {
    const prices = new Map([
      ["a", { probability: 0.8, t: 0 }],
      ["b", { probability: 0.6, t: 0 }],
    ]);
    const r = riskScore((s) => prices.get(s) ?? null, 1000, cfg);
    expect(r.score).toBeCloseTo((0.8 + 3 * 0.4) / 4, 12);
    expect(riskScore(() => null, 1000, cfg)).toEqual({
      t: 1000,
      score: null,
      crisis: false,
      ageMs: null,
      markets: [
        { slug: "a", risk: null, ageMs: null },
        { slug: "b", risk: null, ageMs: null },
      ],
    });
    expect(sizeMultiplier(null, cfg)).toBe(1);
    expect(crisisBlock(null)).toBe(false);
  });

  test("sizing: 1 up to reduce_from 0.4, linear to 0.25 at crisis_score 0.7, then flat", () => {
    expect(sizeMultiplier(0, cfg)).toBe(1);
    expect(sizeMultiplier(0.4, cfg)).toBe(1);
    expect(sizeMultiplier(0.55, cfg)).toBeCloseTo(0.625, 12);
    expect(sizeMultiplier(0.7, cfg)).toBe(0.25);
    expect(sizeMultiplier(1, cfg)).toBe(0.25);
  });

  test("crisis from the score or from one market's own level", () => {
    const at = (a: number, b: number) => riskScore((s) => ({ probability: s === "a" ? a : b, t: 0 }), 0, cfg);
    expect(crisisBlock(at(0.7, 0.3))).toBe(true); // (0.7 + 3·0.7)/4 = 0.7
    expect(crisisBlock(at(0.9, 0.9))).toBe(false); // (0.9 + 3·0.1)/4 = 0.3
    const own = PredictionMarketsSection.parse({ markets: [{ slug: "a", crisis_at: 0.6 }, { slug: "b" }] });
    expect(crisisBlock(riskScore((s) => ({ probability: s === "a" ? 0.6 : 0, t: 0 }), 0, own))).toBe(true);
  });

  test("config: off by default, bad combinations name their key", () => {
    expect(ConfigSchema.parse({}).prediction_markets.enabled).toBe(false);
    const paths = (input: unknown) => {
      const r = ConfigSchema.safeParse({ prediction_markets: input });
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(paths({ enabled: true })).toEqual(["prediction_markets.markets"]);
    expect(paths({ reduce_from: 0.8 })).toEqual(["prediction_markets.reduce_from"]);
    expect(paths({ markets: [{ slug: "a" }, { slug: "a" }] })).toEqual(["prediction_markets.markets"]);
    expect(paths({ markets: [{ slug: "a", weight: 0 }] })).toEqual(["prediction_markets.markets.0.weight"]);
    expect(paths({ timeout_ms: 10 })).toEqual(["prediction_markets.timeout_ms"]);
  });
});

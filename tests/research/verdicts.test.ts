// Each question's verdict rule on constructed data where the answer is known: a planted effect is
// found and its CI covers the truth, a null one is a paper tiger once the sample is large and "not
// enough data" (with the n needed) while it is small; a planted regime effect is found; a null
// feature's IC CI covers 0; the ADX attribution, the stack flags and the gate's rates on known inputs.
import { describe, expect, test } from "bun:test";
import { MiningSection } from "../../src/config/sections/mining.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import type { RunTrade } from "../../src/report/run-summary.ts";
import { diffEffect, judge, meanEffect } from "../../src/research/effect.ts";
import { calibrateGate } from "../../src/research/gate-calibration.ts";
import { icVerdict, informationCoefficient } from "../../src/research/ic.ts";
import { regimeSplit } from "../../src/research/questions/q1-regime.ts";
import { attribute } from "../../src/research/questions/q4-adx.ts";
import { stackedFlags } from "../../src/research/questions/q5-clusters.ts";
import { wilson } from "../../src/research/questions/q8-gate.ts";

const normal = (rand: () => number) => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const draws = (n: number, mean: number, sd: number, seed: number) => {
  const rand = sfc32(seed);
  return Array.from({ length: n }, () => mean + sd * normal(rand));
};

describe("the effect verdict rule", () => {
  test("a planted +0.3R edge (sd 1, n 500) is a real effect whose CI covers 0.3", () => {
    const e = meanEffect("planted", draws(500, 0.3, 1, 1), 7);
    expect(e.verdict).toBe("real effect");
    expect(e.ci[0]).toBeLessThan(0.3);
    expect(e.ci[1]).toBeGreaterThan(0.3);
    expect(e.rule).toContain("excludes 0");
  });

  test("a null effect on 5 000 trades is a paper tiger: its CI covers 0 within ±0.05 R", () => {
    const e = meanEffect("null", draws(5000, 0, 1, 2), 7);
    expect(e.verdict).toBe("paper tiger");
    expect(e.ci[0]).toBeLessThan(0);
    expect(e.ci[1]).toBeGreaterThan(0);
  });

  test("the same null on 100 trades is not enough data, and the n needed is about (1.96/0.05)² ≈ 1 540", () => {
    const e = meanEffect("thin", draws(100, 0, 1, 3), 7);
    expect(e.verdict).toBe("not enough data");
    expect(e.neededN!).toBeGreaterThan(900);
    expect(e.neededN!).toBeLessThan(2500);
  });

  test("fewer than 30 trades is not enough data whatever the estimate", () => {
    expect(meanEffect("tiny", [5, 6, 7], 1).verdict).toBe("not enough data");
    expect(judge("none", 0, Number.NaN, [Number.NaN, Number.NaN]).neededN).toBe(30);
  });

  test("deterministic given the seed, different for another seed", () => {
    const x = draws(300, 0.1, 1, 4);
    expect(meanEffect("d", x, 11)).toEqual(meanEffect("d", x, 11));
    expect(meanEffect("d", x, 12).ci).not.toEqual(meanEffect("d", x, 11).ci);
  });

  test("a difference of two means finds a planted gap of 0.4R and not a zero gap", () => {
    expect(diffEffect("gap", draws(400, 0.2, 1, 5), draws(400, -0.2, 1, 6), 1).verdict).toBe("real effect");
    expect(diffEffect("same", draws(8000, 0, 1, 7), draws(8000, 0, 1, 8), 1).verdict).toBe("paper tiger");
  });
});

describe("question 1: a planted regime effect", () => {
  const trades = (edge: number, n: number, seed: number) => {
    const rand = sfc32(seed);
    return Array.from({ length: n }, (_, i) => {
      const side = i % 2 ? "long" : "short";
      const regime = ["Long", "Short", "Neutral"][Math.floor(rand() * 3)]!;
      const withIt = regime !== "Neutral" && (side === "long") === (regime === "Long");
      return { side, regime, r: (withIt ? edge : -edge) + normal(rand) };
    });
  };
  test("with-regime trades earning +0.25R and against-regime −0.25R: found, about +0.5R", () => {
    const e = regimeSplit("planted", trades(0.25, 1500, 1), 3);
    expect(e.verdict).toBe("real effect");
    expect(e.estimate).toBeGreaterThan(0.35);
    expect(e.estimate).toBeLessThan(0.65);
  });
  test("no regime effect on 20 000 trades: a paper tiger", () => {
    expect(regimeSplit("null", trades(0, 20_000, 2), 3).verdict).toBe("paper tiger");
  });
});

describe("question 7: a null feature's IC", () => {
  test("its 95% CI covers 0, and the verdict is not a real effect", () => {
    const rand = sfc32(9);
    const f = Array.from({ length: 600 }, () => rand());
    const r = Array.from({ length: 600 }, () => normal(rand));
    const ic = informationCoefficient(f, r, { seed: 1, name: "null" });
    expect(ic.ci[0]).toBeLessThan(0);
    expect(ic.ci[1]).toBeGreaterThan(0);
    expect(icVerdict(ic).verdict).not.toBe("real effect");
  });
});

const trade = (
  coin: string,
  side: "long" | "short",
  openedAt: number,
  r: number,
  closedAt = openedAt + 10,
): RunTrade => ({ coin, side, strategy: "momentum", openedAt, closedAt, r }) as RunTrade;

describe("question 4: attribution of a filter", () => {
  test("a delayed setup is matched to its first signal, an unfollowed one counts as removed", () => {
    const bar = 900_000;
    const unfiltered = [
      trade("BTC", "long", 0, 1),
      trade("BTC", "long", bar, 0.5), // the same setup repeating a bar later
      trade("ETH", "short", 0, -1), // never taken by the filtered run: removed
    ];
    const filtered = [trade("BTC", "long", 2 * bar, -0.2)];
    const a = attribute(unfiltered, filtered, bar);
    expect(a.kept.map((k) => [k.before.r, k.after.r, k.delayBars])).toEqual([[1, -0.2, 2]]);
    expect(a.removed.map((t) => t.coin)).toEqual(["ETH"]);
  });
});

describe("question 5: stacked trades", () => {
  test("a trade is stacked when a same-side trade of its cluster is open at its entry", () => {
    const label = (coin: string) => (coin === "DOGE" ? "DOGE" : "BTC");
    const flags = stackedFlags(
      [
        trade("BTC", "long", 0, 1, 100),
        trade("ETH", "long", 50, 1, 150), // BTC long open: stacked
        trade("SOL", "short", 60, 1, 70), // other side: alone
        trade("DOGE", "long", 60, 1, 70), // own cluster: alone
        trade("SOL", "long", 200, 1, 300), // everything closed: alone
      ],
      label,
    );
    expect(flags).toEqual([false, true, false, false, false]);
  });
});

describe("question 8: the gate's rates", () => {
  test("Wilson interval of 5/100 is [2.2%, 11.2%]", () => {
    const [lo, hi] = wilson(5, 100);
    expect(lo).toBeCloseTo(0.0215, 3);
    expect(hi).toBeCloseTo(0.1118, 3);
  });
  test("a planted edge is promoted far more often than noise", () => {
    const f = calibrateGate(MiningSection.parse({}), 3, { noise: 10, planted: 4, decayed: 0 });
    expect(f.planted.live / f.planted.families).toBeGreaterThan(f.noise.anyLive / f.noise.families + 0.4);
  }, 60_000);
});

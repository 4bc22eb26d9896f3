// The report on a sweep's best combination, on synthetic sweeps whose truth is known: pure noise, one
// planted edge, strongly correlated combinations, identical combinations, per-trade (unaligned) series.
import { describe, expect, test } from "bun:test";
import { minBacktestLength } from "../../src/mining/minbtl.ts";
import { sfc32 } from "../../src/mining/rng.ts";
import { deflatedSharpe, effectiveTrials } from "../../src/mining/sharpe.ts";
import { StatsInputError } from "../../src/mining/stats-input-error.ts";
import { countDistinct, type SweepCombination, sweepSelection } from "../../src/mining/sweep-selection.ts";

const gaussian = (r: () => number) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/** M combinations × T days of daily R: N(0,1) noise, plus `mu` on combination `edge`, plus `common`·factor. */
function sweep(m: number, t: number, seed: number, o: { edge?: number; mu?: number; common?: number } = {}) {
  const r = sfc32(seed);
  const factor = Float64Array.from({ length: t }, () => gaussian(r));
  return Array.from({ length: m }, (_, k): SweepCombination => {
    const drift = k === o.edge ? (o.mu ?? 0) : 0;
    const series = Float64Array.from(
      { length: t },
      (_, i) => drift + (o.common ?? 0) * factor[i]! + gaussian(r),
    );
    return { label: `c${k}`, series };
  });
}

describe("sweepSelection on known truths", () => {
  test("pure noise, 64 combinations × 730 days: the best is not significant after 64 trials", () => {
    const s = sweepSelection(sweep(64, 730, 1), { years: 2 });
    expect(s.combinations).toBe(64);
    expect(s.trials).toBe(64);
    expect(s.best.psr).toBeGreaterThan(0.95); // the naive single test is fooled…
    expect(s.best.dsr).toBeLessThan(0.95); // …the deflated one is not
    expect(s.best.dsrSignificant).toBe(false);
    expect(s.holmRejections).toBe(0);
    expect(s.pbo?.splits).toBe(12_870);
    expect(s.verdict).toStartWith(
      `best of 64 (${s.best.label}): DSR ${s.best.dsr.toFixed(2)} — not significant after 64 trials;`,
    );
    // The DSR is sharpe.ts's, with V the variance of the 64 SRs and N̂ from their correlation.
    const b = s.best;
    expect(b.dsr).toBe(deflatedSharpe(b.sr, b.n, b.skew, b.kurtosis, s.effectiveTrials, s.srVariance));
    expect(s.effectiveTrials).toBe(effectiveTrials(64, s.rhoBar));
    expect(b.annualSr).toBeCloseTo(b.sr * Math.sqrt(365), 12);
    expect(b.minBtl).toEqual(minBacktestLength(s.effectiveTrials, b.annualSr));
  });

  test("one planted edge (SR 0.3/day) among 63 noise combinations: chosen, significant, PBO ≈ 0", () => {
    const s = sweepSelection(sweep(64, 730, 2, { edge: 41, mu: 0.3 }), { years: 2 });
    expect(s.best.index).toBe(41);
    expect(s.best.dsrSignificant).toBe(true);
    expect(s.best.holmRejected).toBe(true);
    expect(s.best.bhRejected).toBe(true);
    expect(s.pbo!.pbo).toBeLessThan(0.01);
    expect(s.best.minBtl.years).toBeLessThan(2);
    expect(s.verdict).toContain("— significant after 64 trials;");
    expect(s.verdict).toContain("(necessary, not sufficient)");
  });

  test("correlated combinations: N̂ = ρ̄ + (1 − ρ̄)·M is far below M and the verdict says so", () => {
    const s = sweepSelection(sweep(64, 365, 3, { common: 2 }), { years: 1 });
    expect(s.rhoBar).toBeGreaterThan(0.7);
    expect(s.effectiveTrials).toBeCloseTo(s.rhoBar + (1 - s.rhoBar) * 64, 12);
    expect(s.effectiveTrials).toBeLessThan(20);
    expect(s.verdict).toContain(`after 64 trials (N̂ ${s.effectiveTrials.toFixed(1)} for correlation)`);
    const b = s.best;
    expect(b.dsr).toBeGreaterThan(deflatedSharpe(b.sr, b.n, b.skew, b.kurtosis, 64, s.srVariance));
  });

  test("identical combinations: the sweep selected nothing, PBO 1", () => {
    const one = sweep(1, 200, 4)[0]!.series;
    const s = sweepSelection(
      Array.from({ length: 8 }, (_, k) => ({ label: `c${k}`, series: one })),
      { years: 200 / 365 },
    );
    expect(s.distinctSeries).toBe(1);
    expect(s.pbo!.pbo).toBe(1);
    expect(s.best.index).toBe(0);
    expect(s.verdict).toBe(
      "all 8 combinations produced the same series: the sweep selected nothing (PBO 1 by construction)",
    );
  });

  test("per-trade series of different lengths: no PBO, ρ̄ taken as 0, SR annualised by each one's count", () => {
    const r = sfc32(5);
    const combos = [120, 80, 200].map((n, k) => ({
      label: `t${k}`,
      series: Float64Array.from({ length: n }, () => 0.1 + gaussian(r)),
    }));
    const s = sweepSelection(combos, { years: 2 });
    expect(s.aligned).toBe(false);
    expect(s.pbo).toBeNull();
    expect(s.pboSkipped).toBe("the series are not time-aligned (different lengths)");
    expect(s.rhoBar).toBe(0);
    expect(s.effectiveTrials).toBe(3);
    expect(s.best.annualSr).toBeCloseTo(s.best.sr * Math.sqrt(s.best.n / 2), 12);
    expect(s.verdict).toContain("PBO not computed: the series are not time-aligned");
    expect(s.assumptions.join("\n")).toContain("ρ̄ is taken as 0 and N̂ = M");
  });

  test("a never-trading combination: SR 0, p = 1; chosen only when all else loses, and then named", () => {
    const idle = { label: "idle", series: new Float64Array(100) };
    const s = sweepSelection([idle, ...sweep(3, 100, 6, { edge: 0, mu: 0.5 })], { years: 1 });
    expect(s.rows[0]).toMatchObject({ sr: 0, p: 1 });
    expect(s.rows[0]!.z).toBeNaN();
    expect(s.best.index).toBe(1);
    const losers = sweep(3, 100, 7).map((c) => ({ ...c, series: Float64Array.from(c.series, (v) => v - 2) }));
    const t = sweepSelection([idle, ...losers], { years: 1 });
    expect(t.best.label).toBe("idle");
    expect(t.best.dsr).toBeNaN();
    expect(t.verdict).toContain("best of 4 (idle): its results have no spread (did it trade?)");
    expect(t.verdict).toContain("best SR ≤ 0: no length of data makes it an edge");
  });

  test("selecting by mean, and earlier trials counted in the DSR", () => {
    const c = sweep(16, 256, 8, { edge: 5, mu: 0.4 });
    const s = sweepSelection(c, { years: 1, selectBy: "mean", priorTrials: 36, blocks: 8 });
    expect(s.selectBy).toBe("mean");
    expect(s.pbo!.metric).toBe("mean");
    expect(s.pbo!.splits).toBe(70);
    expect(s.best.index).toBe(5);
    expect(s.trials).toBe(52);
    expect(s.verdict).toContain("after 52 trials (16 run + 36 earlier)");
  });

  test("the whole line for a small fixed sweep", () => {
    const s = sweepSelection(sweep(4, 64, 9), { years: 64 / 365, blocks: 4 });
    expect(s.verdict).toBe(
      "best of 4 (c2): DSR 0.21 — not significant after 4 trials; PBO 0.67: the in-sample winner is more " +
        "likely than not in the bottom half out of sample (66.7% of 6 splits); MinBTL 1.8 y > 0.2 y of data: " +
        "too short for 4 trials; Holm 0/4, BH 0/4 significant at 5%",
    );
    expect(s.assumptions).toHaveLength(4);
  });
});

describe("inputs", () => {
  test("too few observations for the default 16 blocks: PBO skipped with the reason", () => {
    const s = sweepSelection(sweep(5, 10, 10), { years: 10 / 365 });
    expect(s.pbo).toBeNull();
    expect(s.pboSkipped).toBe("10 observations are too few for 16 blocks");
  });

  test("bad options and series are refused with the parameter named", () => {
    const c = sweep(3, 64, 11);
    const param = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(StatsInputError);
        return (e as StatsInputError).param;
      }
      return "no error";
    };
    expect(param(() => sweepSelection(c, { years: 1, blocks: 7 }))).toBe("blocks");
    expect(param(() => sweepSelection(c, { years: 0 }))).toBe("years");
    expect(param(() => sweepSelection(c, { years: 1, alpha: 2 }))).toBe("alpha");
    expect(param(() => sweepSelection(c, { years: 1, priorTrials: -1 }))).toBe("priorTrials");
    expect(param(() => sweepSelection([], { years: 1 }))).toBe("combinations");
    const bad = Float64Array.from(c[2]!.series);
    bad[9] = Number.POSITIVE_INFINITY;
    expect(param(() => sweepSelection([c[0]!, { label: "x", series: bad }], { years: 1 }))).toBe(
      "combinations[1].series[9]",
    );
  });

  test("countDistinct compares values exactly (0 equals −0)", () => {
    const a = Float64Array.from([1, 2, 0]);
    expect(countDistinct([a, Float64Array.from([1, 2, -0]), Float64Array.from([1, 2, 1e-300]), [1, 2]])).toBe(
      3,
    );
  });
});

// Worked examples from the literature for PSR, MinTRL, the expected maximum and the DSR.
import { describe, expect, test } from "bun:test";
import { normCdf, normInv, normPdf } from "../../src/mining/normal.ts";
import {
  deflatedSharpe,
  deflatedZ,
  effectiveTrials,
  expectedMaxSharpe,
  expectedMaxZ,
  minTrackRecord,
  psr,
  psrZ,
  srStdError,
} from "../../src/mining/sharpe.ts";

describe("PSR and σ̂(SR̂) — Bailey & López de Prado (2012), 'The Sharpe Ratio Efficient Frontier', J. Risk 15(2)", () => {
  // The paper's hedge-fund example (§3): monthly mean 3.6%, sd 7.9%, γ3 = −2.448, γ4 = 10.164, 24 months.
  // López de Prado, Lipton & Zoonekynd (2025), "How to use the Sharpe ratio", reuse it with Var = factor/T
  // and report σ(SR̂) = 0.329 (non-normal) vs 0.214 (normal); their code, tschm/jsharpe
  // tests/test_sharpe.py::test_sharpe_ratio_variance, pins the same two numbers.
  const SR = 0.036 / 0.079;

  test("σ̂(SR̂) with skew and kurtosis: 0.329 vs 0.214 under normality (factor/24)", () => {
    // srStdError divides by n − 1, so n = 25 reproduces the factor/T = 24 convention.
    expect(srStdError(SR, 25, -2.448, 10.164)).toBeCloseTo(0.329, 3);
    expect(srStdError(SR, 25, 0, 3)).toBeCloseTo(0.214, 3);
  });

  test("PSR: negative skew and fat tails lower the confidence in the same SR̂", () => {
    const nonNormal = psr(SR, 24, -2.448, 10.164);
    const normal = psr(SR, 24, 0, 3);
    expect(nonNormal).toBeCloseTo(
      normCdf((SR * Math.sqrt(23)) / Math.sqrt(1 + 2.448 * SR + (9.164 / 4) * SR * SR)),
      12,
    );
    expect(nonNormal).toBeLessThan(normal);
    expect(psr(SR, 24, -2.448, 10.164, 0.1)).toBeLessThan(nonNormal);
    expect(psrZ(0, 100, 0, 3)).toBe(0);
  });

  test("PSR(1) of SR̂ = 1.14 over 250 observations = 0.95727 (mlfinlab test_backtest_statistics)", () => {
    expect(psr(1.14, 250, 0, 3, 1)).toBeCloseTo(0.95727, 4);
  });
});

describe("MinTRL", () => {
  test("normal returns: ≈ 273 / 70 / 32 / 13 observations for SR = 0.1 / 0.2 / 0.3 / 0.5 (docs/promotion-gate.md §5)", () => {
    expect(Math.round(minTrackRecord(0.1, 0, 3))).toBe(273);
    expect(Math.round(minTrackRecord(0.2, 0, 3))).toBe(70);
    expect(Math.round(minTrackRecord(0.3, 0, 3))).toBe(32);
    expect(Math.round(minTrackRecord(0.5, 0, 3))).toBe(13);
  });

  test("SR̂ = 1.14 against SR* = 1: 228.735 observations (mlfinlab test_minimum_track_record_length)", () => {
    expect(minTrackRecord(1.14, 0, 3, 1)).toBeCloseTo(228.73497, 3);
  });

  test("the 2012 example needs more months with its skew and kurtosis than under normality, and PSR at MinTRL is 95%", () => {
    const SR = 0.036 / 0.079;
    const n = minTrackRecord(SR, -2.448, 10.164);
    expect(n).toBeGreaterThan(minTrackRecord(SR, 0, 3));
    expect(psr(SR, n, -2.448, 10.164)).toBeCloseTo(0.95, 10);
    expect(minTrackRecord(0.1, 0, 3, 0.2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("expected maximum of N independent N(0,1) — Bailey, Borwein, López de Prado & Zhu (2014), Notices AMS 61(5), Appendix", () => {
  // Exact E[max] = ∫ x·N·φ(x)·Φ(x)^(N−1) dx; tabulated by Harter (1961), Biometrika 48: 1.53875, 2.50759, 3.24144.
  const exact = (n: number) => {
    const steps = 40_000;
    const h = 24 / steps;
    let s = 0;
    for (let i = 0; i <= steps; i++) {
      const x = -12 + i * h;
      const f = x * n * normPdf(x) * normCdf(x) ** (n - 1);
      s += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * f;
    }
    return (s * h) / 3;
  };

  test("exact values reproduce Harter's table", () => {
    expect(exact(10)).toBeCloseTo(1.53875, 4);
    expect(exact(100)).toBeCloseTo(2.50759, 4);
    expect(exact(1000)).toBeCloseTo(3.24144, 4);
  });

  test("the approximation is within 2.5% of the exact value for N ≥ 10 and gives the doc's 3.22 / 4.18 / 4.90 gates", () => {
    for (const n of [10, 100, 1000]) expect(Math.abs(expectedMaxZ(n) / exact(n) - 1)).toBeLessThan(0.025);
    const gate = (n: number) => expectedMaxZ(n) + normInv(0.95);
    expect(gate(10)).toBeCloseTo(3.22, 2);
    expect(gate(100)).toBeCloseTo(4.18, 2);
    expect(gate(1000)).toBeCloseTo(4.9, 2);
    expect(expectedMaxZ(1)).toBe(0);
  });
});

describe("DSR — Bailey & López de Prado (2014), 'The Deflated Sharpe Ratio', JPM 40(5), numerical example", () => {
  // N = 100 trials, V[SR_n] = 1/2 annualised, best SR̂ = 2.5 annualised over T = 1250 daily observations,
  // γ3 = −3, γ4 = 10. The paper finds SR0 ≈ 0.1132 (daily; 1.7894 annualised) and DSR ≈ 0.9004.
  const SR = 2.5 / Math.sqrt(250);
  const V = 0.5 / 250;

  test("E[max SR] and DSR", () => {
    expect(expectedMaxSharpe(100, V)).toBeCloseTo(0.1132, 4);
    expect(expectedMaxSharpe(100, V) * Math.sqrt(250)).toBeCloseTo(1.7894, 3);
    expect(deflatedSharpe(SR, 1250, -3, 10, 100, V)).toBeCloseTo(0.9004, 4);
  });

  test("bucket form Φ(z − E_N) equals the paper's DSR when V is the sampling variance of SR̂", () => {
    const n = 400;
    const sr = 0.2;
    const v = srStdError(sr, n, 0, 3) ** 2;
    // With V = σ̂²(SR̂) evaluated at SR̂, PSR(SR0) = Φ((SR̂ − sqrt(V)·E_N)/σ̂) = Φ(z − E_N).
    expect(deflatedZ(psrZ(sr, n, 0, 3), 50)).toBeCloseTo(deflatedSharpe(sr, n, 0, 3, 50, v), 12);
  });

  test("N̂ = ρ̄ + (1 − ρ̄)·M", () => {
    expect(effectiveTrials(100, 0)).toBe(100);
    expect(effectiveTrials(100, 1)).toBe(1);
    expect(effectiveTrials(100, 0.3)).toBeCloseTo(70.3, 12);
    expect(effectiveTrials(100, -0.2)).toBe(100);
  });
});

// The impact model's fit on constructed books where the answer is planted, and on the real BTC hour.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { parseCandleColumns } from "../../../src/market/csv-files.ts";
import { sfc32 } from "../../../src/mining/rng.ts";
import { type FitSample, fitImpactModel } from "../../../src/sim/depth/impact-fit.ts";
import { predictBook, predictSlippageBps } from "../../../src/sim/depth/impact-model.ts";
import { parseL2BookCsv } from "../../../src/sim/depth/l2book-csv.ts";
import { marketStateAt } from "../../../src/sim/depth/market-state.ts";
import { parseBook } from "../../../src/sim/depth/walk.ts";
import { v5 } from "../../../src/sim/models/v5.ts";
import { HL_DATA } from "../../support/paths.ts";

const settings = v5.depth!;
const HOUR = 3_600_000;

/** A book around mid 100: half-spread h bps, 20 levels per side 0.2 bps apart, each of `size` coins. */
function book(t: number, hBps: number, size: number) {
  const px = (bps: number) => (100 * (1 + bps / 10_000)).toFixed(6);
  const side = (sign: number) =>
    Array.from({ length: 20 }, (_, i) => ({ px: px(sign * (hBps + 0.2 * i)), sz: size.toFixed(4) }));
  return parseBook({ coin: "TEST", t, bids: side(-1), asks: side(1) });
}

/** 10 snapshots in each of `bars` bars; half-spread ∝ σ^0.8, level size ∝ V^0.5. */
function planted(bars: number): FitSample[] {
  const rand = sfc32(7);
  const out: FitSample[] = [];
  for (let b = 0; b < bars; b++) {
    const vol = 0.004 * Math.exp(rand() - 0.5);
    const notional = 2e6 * Math.exp(2 * (rand() - 0.5));
    for (let k = 0; k < 10; k++) {
      const t = b * 4 * HOUR + k * 60_000;
      const h = 1.5 * (vol / 0.004) ** 0.8;
      const size = 50 * (notional / 2e6) ** 0.5;
      out.push({
        book: book(t, h, size),
        state: { barT: b * 4 * HOUR, volPerSqrtHour: vol, notionalPerHour: notional, returns: 24 },
      });
    }
  }
  return out;
}

describe("fitImpactModel on planted books", () => {
  test("30 bars of varying state: the elasticities are estimated, and close to the planted ones", () => {
    const m = fitImpactModel("TEST", planted(30), settings, 5)!;
    expect(m.sample.stateBars).toBe(30);
    expect(m.halfSpreadBps.elasticities).toBe("fitted");
    expect(m.halfSpreadBps.volElasticity).toBeCloseTo(0.8, 2);
    expect(m.halfSpreadBps.volumeElasticity).toBeCloseTo(0, 2);
    expect(m.depthUsd.volElasticity).toBeCloseTo(0, 1);
    expect(m.depthUsd.volumeElasticity).toBeCloseTo(0.5, 2);
    // The held-out bars are predicted from their state alone: within a fraction of a bp.
    expect(m.validation!.rmseBps).toBeLessThan(0.2);
    expect(m.validation!.r2).toBeGreaterThan(0.95);
  });

  test("5 bars: too few states, so the elasticities are the stated priors and only levels are fitted", () => {
    const m = fitImpactModel("TEST", planted(30).slice(0, 50), { ...settings, minFitSnapshots: 50 }, 5)!;
    expect(m.sample.stateBars).toBe(5);
    expect(m.halfSpreadBps).toMatchObject({ elasticities: "prior", volElasticity: 1, volumeElasticity: 0 });
    expect(m.depthUsd).toMatchObject({ elasticities: "prior", volElasticity: -1, volumeElasticity: 1 });
  });

  test("too few snapshots: no model (fills fall back to the flat slippage)", () => {
    expect(fitImpactModel("TEST", planted(1), settings, 5)).toBeNull();
  });
});

describe("fitImpactModel on the real BTC l2Book hour", () => {
  const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
  const bars = parseCandleColumns(join(HL_DATA, "BTC-4h.csv.gz"));
  const samples = books.map((b) => ({
    book: parseBook(b),
    state: marketStateAt(bars, 4 * HOUR, b.t, settings.stateWindowBars),
  }));
  const m = fitImpactModel("BTC", samples, settings, 5)!;

  test("one hour spans two 4h states: elasticities are priors; every walk stayed inside 20 levels", () => {
    expect(m.sample).toMatchObject({
      snapshots: 5587,
      stateBars: 2,
      exhaustedWalks: 0,
      walkPoints: 5587 * 14,
    });
    expect(m.halfSpreadBps.elasticities).toBe("prior");
    // Mean half-spread of the hour: a 1 USD tick on a 2-tick median spread near 42 700 ≈ 0.23–0.47 bps.
    expect(m.halfSpreadBps.atRef).toBeGreaterThan(0.2);
    expect(m.halfSpreadBps.atRef).toBeLessThan(0.5);
    expect(m.alpha).toBeGreaterThan(0.5);
    expect(m.alpha).toBeLessThan(2);
  });

  test("the held-out error is stated, and beats the flat 5 bps", () => {
    const v = m.validation!;
    expect(v.snapshots).toBeGreaterThan(1500);
    expect(v.rmseBps).toBeLessThan(v.flatRmseBps);
    expect(v.byNotional.map((b) => b.notionalUsd)).toEqual([...settings.fitNotionalsUsd]);
  });

  test("the predicted curve rises with size, and deterministic: the same fit twice", () => {
    const state = samples[100]!.state;
    const at = (n: number) => predictSlippageBps(m, n, state);
    expect(at(10_000)).toBeLessThan(at(100_000));
    expect(at(100_000)).toBeLessThan(at(1_000_000));
    expect(predictBook(m, null)).toEqual({
      halfSpreadBps: m.halfSpreadBps.atRef,
      depthUsd: m.depthUsd.atRef,
    });
    expect(fitImpactModel("BTC", samples, settings, 5)).toEqual(m);
  });
});

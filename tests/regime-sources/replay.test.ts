/**
 * Replay of recorded snapshots: a backtest at time t sees only snapshots received at or before t,
 * with the same freshness and weighting rules as the live source.
 */
import { describe, expect, test } from "bun:test";
import { PredictionMarketsSection } from "../../src/config/sections/prediction-markets.ts";
import { openLedger, userVersion } from "../../src/ledger/open.ts";
import { replayPredictionSource } from "../../src/regime-sources/index.ts";
import { type PredictionSnapshot, PredictionSnapshotsRepo } from "../../src/regime-sources/snapshots-repo.ts";

const T = Date.UTC(2026, 0, 5);
const MIN = 60_000;
const snap = (market: string, t: number, probability: number): PredictionSnapshot => ({
  source: "polymarket",
  market,
  outcome: "Yes",
  t,
  probability,
  sourceT: null,
  closed: false,
});

function ledger() {
  const db = openLedger(":memory:");
  const repo = new PredictionSnapshotsRepo(db);
  repo.insertMany([
    snap("war", T, 0.2),
    snap("war", T + 10 * MIN, 0.5),
    snap("war", T + 20 * MIN, 0.9),
    snap("calm", T + 5 * MIN, 0.8),
    snap("other-market", T, 0.99),
  ]);
  return { db, repo };
}

const cfg = PredictionMarketsSection.parse({
  enabled: true,
  max_age_seconds: 15 * 60,
  markets: [
    { slug: "war", crisis_at: 0.85 },
    { slug: "calm", invert: true },
  ],
});

describe("prediction_snapshots", () => {
  test("the migration creates the table; inserts are idempotent", () => {
    const { db, repo } = ledger();
    expect(userVersion(db)).toBeGreaterThan(0);
    expect(repo.insertMany([snap("war", T, 0.2), snap("war", T + 1, 0.25)])).toBe(1);
    expect(repo.latestAt("polymarket", "war", "Yes", T + 9 * MIN)?.probability).toBe(0.25);
    expect(repo.latestAt("polymarket", "war", "Yes", T - 1)).toBeNull();
  });
});

describe("PredictionReplay", () => {
  test("at each t: only snapshots received at or before t, fresh ones only", () => {
    const { db } = ledger();
    const r = replayPredictionSource(cfg, db)!;
    expect(r.count("war")).toBe(3);
    expect(r.riskScoreAt(T - 1).score, "before any snapshot").toBeNull();
    expect(r.riskScoreAt(T).score, "received at T: seen at T").toBe(0.2);
    expect(r.riskScoreAt(T + 5 * MIN - 1).score).toBe(0.2);
    // war 0.2 (age 5 min) and calm 1 − 0.8 = 0.2.
    expect(r.riskScoreAt(T + 5 * MIN).score).toBeCloseTo(0.2, 12);
    // One ms before the 0.5 arrives, the replay still uses 0.2 — never the later row.
    expect(r.riskScoreAt(T + 10 * MIN - 1).score).toBeCloseTo(0.2, 12);
    expect(r.riskScoreAt(T + 10 * MIN).score).toBeCloseTo(0.35, 12);
    const late = r.riskScoreAt(T + 20 * MIN);
    // calm is 15 min old (= max age: still fresh); war 0.9 ≥ its crisis_at 0.85.
    expect(late.score).toBeCloseTo(0.55, 12);
    expect(late.crisis).toBe(true);
    expect(late.ageMs).toBe(15 * MIN);
    const later = r.riskScoreAt(T + 20 * MIN + 1);
    expect(later.markets.find((m) => m.slug === "calm")!.risk, "15 min + 1 ms: too old").toBeNull();
    expect(later.score).toBe(0.9);
  });

  test("the same answers in any call order, and with a window that starts later", () => {
    const { db } = ledger();
    const a = replayPredictionSource(cfg, db)!;
    const times = [T + 20 * MIN, T, T + 7 * MIN, T + 10 * MIN, T + 3 * MIN];
    const forward = [...times].sort((x, y) => x - y).map((t) => a.riskScoreAt(t));
    const shuffled = times.map((t) => a.riskScoreAt(t)).sort((x, y) => x.t - y.t);
    expect(shuffled).toEqual(forward);
    const windowed = replayPredictionSource(cfg, db, T + 12 * MIN)!;
    // war's 0.5 at T+10 min is loaded (within max_age before the window start).
    expect(windowed.riskScoreAt(T + 12 * MIN)).toEqual(a.riskScoreAt(T + 12 * MIN));
  });

  test("disabled: no replay", () => {
    const { db } = ledger();
    expect(replayPredictionSource(PredictionMarketsSection.parse({}), db)).toBeNull();
  });
});

// The buffered writer of a stored backtest (src/ledger/run-writer.ts) stores what the row-by-row
// journal stored (pinned for real runs by tests/sim/stored-run-golden.test.ts); here the cases a
// replay rarely meets: a decision recorded twice keeps its first id, an equity point at the same
// time replaces the earlier one, a position's row holds its state at the last flush where it had
// changed — and rows another process inserted while the run was replaying move the run's ids up,
// in the ledger and in the Position objects the summary reads.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { ManualClock } from "../../src/core/clock.ts";
import type { Candidate } from "../../src/core/signal.ts";
import type { DecisionRecord } from "../../src/engine/ports.ts";
import { newPosition } from "../../src/engine/position.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { DecisionsRepo } from "../../src/ledger/repos/decisions.ts";
import { PositionsRepo } from "../../src/ledger/repos/positions.ts";
import { RunLedgerWriter } from "../../src/ledger/run-writer.ts";
import { scratchDir } from "../support/paths.ts";

const candidate = (candleT: number): Candidate =>
  ({
    coin: "ETH",
    side: "long",
    stop: 98,
    target: 110,
    entryRef: 100,
    strategy: "momentum",
    timeframe: "1h",
    candleT,
    decidedAt: candleT + 3_600_000,
    scoreRaw: 70,
    score: 70,
    regime: "Neutral",
    session: "europe",
    volBucket: "mid",
    setupKey: `ETH|long|${candleT}`,
    features: { close: 100 },
  }) as unknown as Candidate;
const decision = (candleT: number, runMode: "shadow" | "live" = "shadow"): DecisionRecord => ({
  mode: runMode,
  candidate: candidate(candleT),
  verdict: "open",
  reasons: [],
  modelVersion: "v4",
});
const position = (decisionId: number, runId: number) =>
  newPosition({
    candidate: candidate(0),
    mode: "shadow",
    runId,
    decisionId,
    modelVersion: "v4",
    openedAt: 3_600_000,
    fill: { px: 100, size: 1, fee: 0.05, slippage: 0.01 },
    leverage: 1,
    liquidationPx: null,
    defaultTrailDistanceR: 1,
  });

test("duplicates keep the first id, equity points replace, positions store their state at the last flush", () => {
  const db = openLedger(join(scratchDir(), "w.db"));
  const clock = new ManualClock(10);
  const w = new RunLedgerWriter(db, 7, clock);
  const d1 = w.recordDecision(decision(0));
  expect(w.recordDecision(decision(0))).toBe(d1);
  expect(w.recordDecision(decision(0, "live"))).toBe(d1 + 1);
  const p = position(d1, 7);
  p.id = w.openPosition(p);
  w.recordEquity({ mode: "shadow", t: 5, equity: 1, peak: 1, drawdown: 0, dayPnl: 0, openPositions: 0 });
  w.recordEquity({ mode: "shadow", t: 5, equity: 2, peak: 2, drawdown: 0, dayPnl: 0, openPositions: 1 });
  clock.set(20);
  p.stopPx = 99;
  w.updatePosition(p);
  w.flush();
  p.stopPx = 101; // changed after the last flush without updatePosition: not stored, as before
  w.write();
  expect(db.query("SELECT COUNT(*) AS n FROM decisions").get()).toEqual({ n: 2 });
  expect(db.query("SELECT stop_px, updated_at FROM positions").get()).toEqual({
    stop_px: 99,
    updated_at: 20,
  });
  expect(db.query("SELECT equity, open_positions FROM equity_snapshots").all()).toEqual([
    { equity: 2, open_positions: 1 },
  ]);
});

test("rows inserted by another writer during the run move the run's ids up, in the rows and the positions", () => {
  const db = openLedger(join(scratchDir(), "w.db"));
  const clock = new ManualClock(10);
  const w = new RunLedgerWriter(db, 3, clock);
  const d = w.recordDecision(decision(0));
  const p = position(d, 3);
  p.id = w.openPosition(p);
  w.recordExit(p, { t: 11, px: 101, size: 0.5, reason: "partial", fee: 0, slippage: 0, pnl: 0.5 });
  expect([d, p.id]).toEqual([1, 1]);
  // The daemon writes meanwhile (run 0).
  const otherDecision = new DecisionsRepo(db, 0).record(decision(3_600_000), 12);
  const other = position(otherDecision, 0);
  other.id = new PositionsRepo(db).insertPosition(other);
  w.write();
  expect([p.id, p.decisionId]).toEqual([2, 2]);
  expect(db.query("SELECT id, run_id FROM decisions ORDER BY id").all()).toEqual([
    { id: 1, run_id: 0 },
    { id: 2, run_id: 3 },
  ]);
  expect(db.query("SELECT id, decision_id, run_id FROM positions ORDER BY id").all()).toEqual([
    { id: 1, decision_id: 1, run_id: 0 },
    { id: 2, decision_id: 2, run_id: 3 },
  ]);
  expect(db.query("SELECT position_id FROM position_exits").all()).toEqual([{ position_id: 2 }]);
});

import { describe, expect, test } from "bun:test";
import type { Position } from "../../src/engine/position.ts";
import { type ExitRules, liquidationPrice, stepPosition } from "../../src/engine/position-rules.ts";

const rules: ExitRules = {
  partials: true,
  partialFraction: 0.5,
  partialAtR: 1.5,
  breakevenAfterPartial: true,
  trail: true,
  trailFromR: 2,
  liquidation: true,
  timeoutMs: 48 * 3_600_000,
  szDecimals: 3,
};

function pos(side: "long" | "short", over: Partial<Position> = {}): Position {
  const entry = 100;
  const stop = side === "long" ? 98 : 102;
  const target = side === "long" ? 106 : 94;
  return {
    id: 1,
    runId: 0,
    decisionId: null,
    mode: "shadow",
    coin: "X",
    side,
    strategy: "s",
    session: "S",
    regime: "Neutral",
    volBucket: "mid",
    setupKey: "k",
    modelVersion: "v4",
    status: "open",
    openedAt: 0,
    entryPx: entry,
    size: 2,
    initialSize: 2,
    stopPx: stop,
    initialStopPx: stop,
    targetPx: target,
    riskUsd: 4,
    leverage: 5,
    liquidationPx: side === "long" ? 81 : 119,
    partialDone: false,
    trailActive: false,
    trailDistanceR: 1,
    bestPx: entry,
    closedAt: null,
    exitReason: null,
    grossPnl: 0,
    fees: 0,
    slippage: 0,
    funding: 0,
    exits: [],
    external: false,
    ...over,
  };
}
const seg = (open: number, high: number, low: number, close: number, end = 900_000) => ({
  open,
  high,
  low,
  close,
  end,
});

describe("stepPosition", () => {
  test("stop and target inside one bar: the stop is assumed first", () => {
    const p = pos("long");
    expect(stepPosition(p, seg(100, 107, 97, 101), rules)).toEqual([{ reason: "stop", px: 98, size: 2 }]);
    expect(p.size).toBe(0);
  });

  test("a gap through the stop fills at the open, not at the stop", () => {
    expect(stepPosition(pos("long"), seg(96, 97, 95, 96), rules)).toEqual([
      { reason: "stop", px: 96, size: 2 },
    ]);
    expect(stepPosition(pos("short"), seg(104, 105, 103, 104), rules)).toEqual([
      { reason: "stop", px: 104, size: 2 },
    ]);
  });

  test("a gap through the target fills at the open", () => {
    expect(stepPosition(pos("short"), seg(93, 93.5, 92, 93), rules)).toEqual([
      { reason: "target", px: 93, size: 2 },
    ]);
  });

  test("partial at 1.5R; breakeven applies from the next bar only", () => {
    const p = pos("long");
    expect(stepPosition(p, seg(100, 103.2, 99, 100.5), rules)).toEqual([
      { reason: "partial", px: 103, size: 1 },
    ]);
    expect(p.size).toBe(1);
    expect(p.stopPx).toBe(100); // moved after the bar
    expect(stepPosition(p, seg(100.5, 101, 99.9, 100.2), rules)).toEqual([
      { reason: "breakeven", px: 100, size: 1 },
    ]);
  });

  test("trail from 2R at best − 1R, tightening only", () => {
    const p = pos("short");
    stepPosition(p, seg(100, 100.5, 95.5, 96), rules); // partial at 97, best 95.5 (2.25R)
    expect(p.trailActive).toBe(true);
    expect(p.stopPx).toBe(97.5);
    stepPosition(p, seg(96, 97, 95.8, 96.5), rules); // best unchanged: stop stays
    expect(p.stopPx).toBe(97.5);
    expect(stepPosition(p, seg(96.5, 98, 96.4, 97.8), rules)).toEqual([
      { reason: "trail", px: 97.5, size: 1 },
    ]);
  });

  test("a gap through the liquidation price liquidates at the open", () => {
    expect(stepPosition(pos("long", { stopPx: 70 }), seg(78, 79, 77, 78), rules)).toEqual([
      { reason: "liquidation", px: 78, size: 2 },
    ]);
  });

  test("timeout closes at the segment close", () => {
    const p = pos("long", { openedAt: 0 });
    expect(stepPosition(p, seg(100, 101, 99, 100.7, 48 * 3_600_000), rules)).toEqual([
      { reason: "timeout", px: 100.7, size: 2 },
    ]);
  });

  test("without managed exits (v2/v3) there is no partial and no trail", () => {
    const p = pos("long");
    const plain = { ...rules, partials: false, trail: false, liquidation: false };
    expect(stepPosition(p, seg(100, 105.5, 99.5, 105), plain)).toEqual([]);
    expect(p.stopPx).toBe(98);
  });
});

describe("liquidationPrice", () => {
  test("HL formula with maintenance leverage 2 × max leverage", () => {
    // 10x on a 20x coin: l = 1/40; long: 100 − (10 − 2.5)/(1 − 0.025)
    expect(liquidationPrice(100, "long", 10, 20)).toBeCloseTo(100 - 7.5 / 0.975, 12);
    expect(liquidationPrice(100, "short", 10, 20)).toBeCloseTo(100 + 7.5 / 1.025, 12);
  });
});

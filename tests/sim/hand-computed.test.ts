// Hand-computed trades on REAL Hyperliquid BTC 15m bars (2025-02-07/08), one per friction model.
// Every expected number below is arithmetic on the bar values printed in the comments, to the cent.
import { describe, expect, test } from "bun:test";
import { realFunding, realSeries, runScripted } from "../support/engine-harness.ts";

const T = (iso: string) => Date.parse(`${iso}Z`);
const FEE = 0.00045;
const SLIP = 0.0005;
const floor5 = (x: number) => Math.floor(x * 1e5 + 1e-7) / 1e5;
const from = T("2025-02-07T16:45");
const to = T("2025-02-08T02:00");
const btc = () => [realSeries("BTC", "15m", from, to)];

//   bar (open time)  open   high   low    close
//   02-07 18:45      98075  98207  97631  97740   ← signal bar for the short
//   02-07 19:00      97739  97812  97254  97396
//   02-07 19:15      97395  97529  97156  97466
//   02-07 19:30      97466  97521  96855  96999   ← low reaches the 97020 target
const shortSetup = {
  coin: "BTC",
  side: "short" as const,
  candleT: T("2025-02-07T18:45"),
  stop: 98100,
  target: 97020,
};

describe("hand-computed trades on real bars", () => {
  test("legacy: fills at the signal close, no costs, exits at the target", () => {
    const { positions } = runScripted({ model: "legacy", script: [shortSetup], series: btc() });
    const p = positions[0]!;
    const size = floor5(100 / (98100 - 97740)); // 1% of 10 000 over 360 of risk per coin
    expect(p.entryPx).toBe(97740);
    expect(p.size).toBe(0);
    expect(p.initialSize).toBe(size);
    expect(p.exitReason).toBe("target");
    expect(p.closedAt).toBe(T("2025-02-07T19:45"));
    expect(p.grossPnl).toBeCloseTo((97740 - 97020) * size, 2);
    expect(p.fees).toBe(0);
    expect(p.funding).toBe(0);
  });

  test("v2: next open, 5 bps slippage and 4.5 bps taker per side", () => {
    const { positions, model } = runScripted({ model: "v2", script: [shortSetup], series: btc() });
    expect(model.version).toBe("friction_v2_fee4p5_slip5_funding_hourly");
    const p = positions[0]!;
    const entry = 97739 * (1 - SLIP); // 19:00 open, sold 5 bps lower
    const size = floor5(100 / (98100 - 97739)); // sized on the open the order is based on
    const exit = 97020 * (1 + SLIP); // bought back 5 bps higher
    expect(p.entryPx).toBeCloseTo(entry, 8);
    expect(p.initialSize).toBe(size);
    expect(p.exitReason).toBe("target");
    expect(p.grossPnl).toBeCloseTo((entry - exit) * size, 2);
    expect(p.fees).toBeCloseTo((entry + exit) * size * FEE, 2);
    expect(p.slippage).toBeCloseTo((97739 - entry + exit - 97020) * size, 2);
  });

  test("v4: partial 50% at 1.5R, remainder at the target in the same bar", () => {
    const { positions } = runScripted({ model: "v4", script: [shortSetup], series: btc() });
    const p = positions[0]!;
    const entry = 97739 * (1 - SLIP);
    const r = 98100 - entry;
    const size = floor5(100 / (98100 - 97739));
    const half = floor5(size * 0.5);
    const partialPx = (entry - 1.5 * r) * (1 + SLIP);
    const targetPx = 97020 * (1 + SLIP);
    expect(p.exits.map((e) => e.reason)).toEqual(["partial", "target"]);
    expect(p.exits[0]!.size).toBe(half);
    expect(p.exits[0]!.px).toBeCloseTo(partialPx, 6);
    const gross = (entry - partialPx) * half + (entry - targetPx) * (size - half);
    expect(p.grossPnl).toBeCloseTo(gross, 2);
    expect(p.fees).toBeCloseTo((entry * size + partialPx * half + targetPx * (size - half)) * FEE, 2);
  });

  //   02-07 23:15  96185 96264 96050 96215  ← signal bar for the long
  //   02-07 23:30  96216 96475 96124 96455  ← entry at the open
  //   02-07 23:45  96454 96540 96366 96504  ← high passes 1.5R: partial, stop → breakeven
  //   02-08 00:00  96504 96532 96372 96431  ← funding hour 00:00 at the open 96504, 1.25e-5
  //   02-08 00:15  96431 96842 96335 96686  ← high passes 2R: trail = 96842 − 1R
  //   02-08 00:30  96686 96833 96601 96729  ← low hits the trailed stop
  test("v4: partial, breakeven, trail from 2R and hourly funding", () => {
    const setup = {
      coin: "BTC",
      side: "long" as const,
      candleT: T("2025-02-07T23:15"),
      stop: 96100,
      target: 97500,
    };
    const { positions } = runScripted({
      model: "v4",
      script: [setup],
      series: btc(),
      funding: new Map([["BTC", realFunding("BTC", from, to)]]),
    });
    const p = positions[0]!;
    const entry = 96216 * (1 + SLIP);
    const r = entry - 96100;
    // 1% risk over 116 would be 0.862 BTC (≈83k notional): capped at 5x leverage on 10 000 equity.
    const size = floor5(Math.min(100 / (96216 - 96100), (10_000 * 5) / 96216));
    const half = floor5(size * 0.5);
    const rest = size - half;
    const partialPx = (entry + 1.5 * r) * (1 - SLIP);
    const trailStop = 96842 - r;
    const exitPx = trailStop * (1 - SLIP);
    const funding = rest * 96504 * 1.25e-5;
    expect(p.exits.map((e) => e.reason)).toEqual(["partial", "trail"]);
    expect(p.exitReason).toBe("trail");
    expect(p.closedAt).toBe(T("2025-02-08T00:45"));
    expect(p.exits[1]!.px).toBeCloseTo(exitPx, 6);
    expect(p.funding).toBeCloseTo(funding, 2);
    const gross = (partialPx - entry) * half + (exitPx - entry) * rest;
    const fees = (entry * size + partialPx * half + exitPx * rest) * FEE;
    expect(p.grossPnl).toBeCloseTo(gross, 2);
    expect(p.fees).toBeCloseTo(fees, 2);
    expect(p.grossPnl - p.fees - p.funding).toBeCloseTo(gross - fees - funding, 2);
  });

  //   02-07 19:45  96999 97181 96852 96860
  //   02-07 20:00  96858 96894 96211 96308  ← low crosses the 40x liquidation price
  test("v4: liquidation at 40x before a far stop", () => {
    const setup = {
      coin: "BTC",
      side: "long" as const,
      candleT: T("2025-02-07T18:45"),
      stop: 94000,
      target: 110000,
    };
    const { positions } = runScripted({
      model: "v4",
      script: [setup],
      series: btc(),
      funding: new Map([["BTC", realFunding("BTC", from, to)]]),
      overrides: { HLBOT_RISK__MAX_LEVERAGE: "40" },
    });
    const p = positions[0]!;
    const entry = 97739 * (1 + SLIP);
    const size = floor5(100 / (97739 - 94000));
    const liq = entry - (entry / 40 - entry / 80) / (1 - 1 / 80); // HL: l = 1/(2·maxLeverage)
    expect(p.liquidationPx).toBeCloseTo(liq, 6);
    expect(p.exitReason).toBe("liquidation");
    expect(p.closedAt).toBe(T("2025-02-07T20:15"));
    const exitPx = liq * (1 - SLIP);
    expect(p.grossPnl).toBeCloseTo((exitPx - entry) * size, 2);
    expect(p.funding).toBeCloseTo(size * 96858 * 1.25e-5, 2); // 20:00 funding, position still open
    expect(p.fees).toBeCloseTo((entry + exitPx) * size * FEE, 2);
  });
});

// Maker entries hand-computed on REAL Hyperliquid BTC 15m bars (2025-02-07): a post-only limit at
// the next open ∓ offset fills only when a later bar trades through it by more than the queue
// haircut, at its limit, with the maker fee; it expires after N bars of the signal's timeframe.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { Segment } from "../../src/engine/position-rules.ts";
import { createSignalSource, signalIntervals, warmupMs } from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { makerLimit, postFillSegment, tradesThrough } from "../../src/sim/maker-fills.ts";
import { realSeries, runScripted } from "../support/engine-harness.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";
import { ScriptedSignals } from "../support/scripted-signals.ts";

/** Scripted signals whose strategy no longer fires after the signal bar. */
class FadingSignals extends ScriptedSignals {
  signalHolds(): boolean {
    return false;
  }
}

const T = (iso: string) => Date.parse(`${iso}Z`);
const floor5 = (x: number) => Math.floor(x * 1e5 + 1e-7) / 1e5;
const btc = () => [realSeries("BTC", "15m", T("2025-02-07T16:45"), T("2025-02-08T02:00"))];
const MAKER = (extra: Record<string, string> = {}) => ({
  HLBOT_ENTRIES__MAKER__ENABLED: "true",
  HLBOT_ENTRIES__MAKER__OFFSET_BPS: "5",
  HLBOT_ENTRIES__MAKER__EXPIRY_BARS: "2",
  HLBOT_ENTRIES__MAKER__QUEUE_HAIRCUT_BPS: "1",
  ...extra,
});

//   bar (open time)  open   high   low    close
//   02-07 18:45      98075  98207  97631  97740   ← signal bar for the short
//   02-07 19:00      97739  97812  97254  97396   ← high 97812 trades through the limit 97787.87
//   02-07 19:15      97395  97529  97156  97466
//   02-07 19:30      97466  97521  96855  96999   ← low reaches the 97020 target
const shortSetup = {
  coin: "BTC",
  side: "short" as const,
  candleT: T("2025-02-07T18:45"),
  stop: 98100,
  target: 97020,
};

describe("maker entries on real bars (v3: no partials, so every figure is one fill)", () => {
  test("a short limit 5 bps above the 19:00 open fills in the 19:00 bar at its limit, pays 1.5 bps, exits at the target", () => {
    const { positions, model, book } = runScripted({
      model: "v3",
      script: [shortSetup],
      series: btc(),
      overrides: MAKER(),
    });
    expect(model.version).toBe("v3+maker=off5,exp2,q1,fee1.5");
    const limit = 97739 * (1 + 5 / 10_000); // 97787.8695
    expect(97812).toBeGreaterThan(limit * (1 + 1 / 10_000)); // through by 2.47 bps > the 1 bp haircut
    const p = positions[0]!;
    const size = floor5(100 / (98100 - limit)); // 1% of 10 000 over the risk from the limit
    expect(p.entryPx).toBeCloseTo(limit, 8);
    expect(p.initialSize).toBe(size);
    expect(p.openedAt).toBe(T("2025-02-07T19:15")); // known at the end of the fill bar
    expect(p.exitReason).toBe("target");
    expect(p.closedAt).toBe(T("2025-02-07T19:45"));
    const exit = 97020 * (1 + 5 / 10_000); // taker exit: 5 bps slippage
    expect(p.grossPnl).toBeCloseTo((limit - exit) * size, 2);
    expect(p.fees).toBeCloseTo(limit * size * 0.00015 + exit * size * 0.00045, 2);
    expect(p.slippage).toBeCloseTo((exit - 97020) * size, 2); // none on the maker entry
    expect(book.makerStats).toEqual({ placed: 1, filled: 1, expired: 0, cancelled: 0 });
  });

  test("a 3 bp haircut: 19:00 pierces the limit by only 2.47 bps, nothing later reaches it, it expires after 2 bars", () => {
    const { positions, book } = runScripted({
      model: "v3",
      script: [shortSetup],
      series: btc(),
      overrides: MAKER({ HLBOT_ENTRIES__MAKER__QUEUE_HAIRCUT_BPS: "3" }),
    });
    expect(positions).toHaveLength(0);
    expect(book.makerStats).toEqual({ placed: 1, filled: 0, expired: 1, cancelled: 0 });
  });

  test("a stop inside the fill bar is hit: the part of the bar after the fill is walked", () => {
    // Stop 97800: above the limit, below the bar's high 97812 (reached after the fill on the way up).
    const { positions } = runScripted({
      model: "v3",
      script: [{ ...shortSetup, stop: 97800 }],
      series: btc(),
      overrides: MAKER(),
    });
    const p = positions[0]!;
    expect(p.exitReason).toBe("stop");
    expect(p.closedAt).toBe(T("2025-02-07T19:15"));
  });
});

describe("maker entries with cancel-if-signal-gone", () => {
  test("the order resting after 19:00 is cancelled on the first closed bar on which the signal is gone", () => {
    const { positions, book } = runScripted({
      model: "v3",
      script: [shortSetup],
      series: btc(),
      signals: new FadingSignals([shortSetup], ["shadow"]),
      overrides: MAKER({
        HLBOT_ENTRIES__MAKER__QUEUE_HAIRCUT_BPS: "3",
        HLBOT_ENTRIES__CANCEL_IF_SIGNAL_GONE: "true",
      }),
    });
    expect(positions).toHaveLength(0);
    expect(book.makerStats).toEqual({ placed: 1, filled: 0, expired: 0, cancelled: 1 });
  });
});

describe("maker fill rules", () => {
  const seg: Segment = { open: 100, high: 101, low: 99, close: 100.5, end: 1 };
  test("strictly through: a touch never fills, a pierce within the haircut does not either", () => {
    expect(makerLimit("long", 100, 10)).toBeCloseTo(99.9, 12);
    expect(makerLimit("short", 100, 10)).toBeCloseTo(100.1, 12);
    expect(tradesThrough("long", 99, seg, 0)).toBe(false); // low == limit
    expect(tradesThrough("long", 99.005, seg, 0)).toBe(true);
    expect(tradesThrough("long", 99.005, seg, 10)).toBe(false); // needs low < 98.906
    expect(tradesThrough("short", 101, seg, 0)).toBe(false);
    expect(tradesThrough("short", 100.99, seg, 0)).toBe(true);
  });
  test("after a long's fill the low and close follow it; the high is only known to be ≥ max(limit, close)", () => {
    expect(postFillSegment("long", 99.5, seg)).toEqual({
      open: 99.5,
      high: 100.5,
      low: 99,
      close: 100.5,
      end: 1,
    });
    expect(postFillSegment("short", 100.8, seg)).toEqual({
      open: 100.8,
      high: 101,
      low: 100.5,
      close: 100.5,
      end: 1,
    });
  });
});

describe("a backtest under maker entries reports what became of them", () => {
  test("placed = opened decisions, filled = trades, the rest expired (zscore_reversion, BTC, 2025-01 → 03)", async () => {
    const db = openLedger(join(scratchDir(), "maker.db"));
    await importDirectory(db, HL_DATA, { coins: new Set(["BTC"]) });
    const { config } = loadConfig({ cwd: scratchDir(), env: MAKER() });
    const only = ["zscore_reversion"];
    const r = runBacktest(db, {
      config,
      model: "v4",
      coins: ["BTC"],
      intervals: signalIntervals(config, only),
      from: Date.parse("2025-01-01T00:00Z"),
      to: Date.parse("2025-03-01T00:00Z"),
      warmupMs: warmupMs(config, only),
      mode: "shadow",
      ignoreCandidates: true,
      signals: createSignalSource(config, only, ["BTC"]),
      store: true,
    });
    const m = r.makerEntries!.shadow;
    const opened = db
      .query("SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?1 AND verdict = 'open'")
      .get(r.runId) as { n: number };
    const positions = db.query("SELECT COUNT(*) AS n FROM positions WHERE run_id = ?1").get(r.runId) as {
      n: number;
    };
    expect(m.placed).toBe(opened.n);
    expect(m.filled).toBe(positions.n);
    expect(m.placed).toBeGreaterThan(m.filled);
    expect(m.filled + m.expired + m.cancelled).toBe(m.placed);
    expect(r.modelVersion).toBe("v4+maker=off5,exp2,q1,fee1.5");
  });
});

// CLOSE exits executed by the engine: a position whose strategy's CLOSE rule fires on a closed bar of
// its timeframe is exited at the next tradable price (the next bar's open in a replay) with reason
// `signal` — at the FIRST such bar after the entry, never on the bar it was opened on.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import type { MarketView, SignalSource, TradingBook } from "../../src/engine/ports.ts";
import type { Position } from "../../src/engine/position.ts";
import { applySignalExits } from "../../src/engine/signal-exits.ts";
import { createSignalSource, signalIntervals, warmupMs } from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { ZScoreReversionShadowSchema, zscoreReversion } from "../../strategies/zscore-reversion.ts";
import { candles } from "../market/features/real-data.ts";
import { contextAt, featuresAt } from "../strategies/replay.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";

const H = 3_600_000;

interface Row {
  setup_key: string;
  side: "long" | "short";
  opened_at: number;
  closed_at: number;
  exit_reason: string;
  exit_px: number;
}

async function zscoreRun() {
  const db = openLedger(join(scratchDir(), "signal-exits.db"));
  await importDirectory(db, HL_DATA, { coins: new Set(["BTC"]) });
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  const only = ["zscore_reversion"];
  const r = runBacktest(db, {
    config,
    model: "v4",
    coins: ["BTC"],
    intervals: signalIntervals(config, only),
    from: Date.parse("2024-12-01T00:00Z"),
    to: Date.parse("2025-03-01T00:00Z"),
    warmupMs: warmupMs(config, only),
    mode: "shadow",
    ignoreCandidates: true,
    signals: createSignalSource(config, only, ["BTC"]),
    store: true,
  });
  const rows = db
    .query(
      `SELECT p.setup_key, p.side, p.opened_at, p.closed_at, p.exit_reason,
              (SELECT px FROM position_exits e WHERE e.position_id = p.id ORDER BY e.t DESC LIMIT 1) AS exit_px
         FROM positions p WHERE p.run_id = ?1 AND p.status = 'closed' ORDER BY p.opened_at`,
    )
    .all(r.runId) as Row[];
  db.close();
  return rows;
}

describe("CLOSE exits in the engine (zscore_reversion, BTC 1h, v4)", async () => {
  const rows = await zscoreRun();
  const shadow = ZScoreReversionShadowSchema.parse({});
  // BTC's 15m data starts in 2025-02: the replay trades on the 1h bars' opens before that.
  const open1h = new Map(candles("BTC", "1h").map((c) => [c.t, c.open]));

  test("the short of the 2024-12-25 20:00 bar opens at 21:00 and closes by signal at 05:00 (the 04:00 bar's z ≤ 0)", () => {
    const p = rows.find((r) => r.opened_at === Date.parse("2024-12-25T21:00Z"))!;
    expect(p.side).toBe("short");
    expect(p.exit_reason).toBe("signal");
    expect(p.closed_at).toBe(Date.parse("2024-12-26T05:00Z"));
    const at = featuresAt("BTC", "1h", Date.parse("2024-12-26T04:00Z"));
    const before = featuresAt("BTC", "1h", Date.parse("2024-12-26T03:00Z"));
    expect(at.zScore).toBeLessThanOrEqual(0);
    expect(before.zScore).toBeGreaterThan(0);
    // The next bar's open, made worse by v4's 5 bps exit slippage (a short buys back higher).
    expect(p.exit_px).toBeCloseTo(open1h.get(p.closed_at)! * (1 + 5 / 10_000), 6);
  });

  test("every signal exit is the first bar after the entry on which the CLOSE rule holds", () => {
    const signal = rows.filter((r) => r.exit_reason === "signal");
    expect(signal.length).toBeGreaterThan(5);
    for (const p of signal) {
      const closedBar = p.closed_at - H;
      const f = featuresAt("BTC", "1h", closedBar);
      expect(zscoreReversion.exitSignal!(f, contextAt("BTC", f), p.side, shadow), p.setup_key).toBe("close");
      for (let t = p.opened_at; t < closedBar; t += H) {
        const g = featuresAt("BTC", "1h", t);
        expect(
          zscoreReversion.exitSignal!(g, contextAt("BTC", g), p.side, shadow),
          `${p.setup_key} ${t}`,
        ).toBeNull();
      }
      expect(p.exit_px).toBeCloseTo(
        open1h.get(p.closed_at)! * (1 - (p.side === "long" ? 5 : -5) / 10_000),
        6,
      );
    }
  });

  test("a position that closed by stop or target never had the CLOSE rule fire before it", () => {
    const other = rows.filter((r) => r.exit_reason === "stop" || r.exit_reason === "target");
    expect(other.length).toBeGreaterThan(5);
    for (const p of other) {
      // The bar that ends at the stop's tick was managed (stopped) before its CLOSE rule ran.
      for (let t = p.opened_at; t + H < p.closed_at; t += H) {
        const g = featuresAt("BTC", "1h", t);
        expect(
          zscoreReversion.exitSignal!(g, contextAt("BTC", g), p.side, shadow),
          `${p.setup_key} ${t}`,
        ).toBeNull();
      }
    }
  });
});

describe("which positions the CLOSE rule is asked about", () => {
  const bar = (coin: string, interval: "15m" | "1h", t: number) => ({
    coin,
    interval,
    candle: { t, open: 1, high: 1, low: 1, close: 1, volume: 1 },
  });
  const position = (id: number, coin: string, strategy: string) =>
    ({ id, coin, strategy, status: "open", openedAt: 0 }) as unknown as Position;

  test("only positions whose strategy has a rule, only on bars of the rule's timeframe and coin", () => {
    const asked: string[] = [];
    const signals: SignalSource = {
      onClosedBar() {},
      regime: () => "Neutral",
      scan: () => ({ shadow: [], live: [] }),
      closeRuleTimeframe: (s) => (s === "zscore_reversion" ? "1h" : undefined),
      closeSignal(b, p) {
        asked.push(`${p.id}:${b.coin}:${b.interval}`);
        return p.id === 2;
      },
    };
    const open = [
      position(1, "BTC", "momentum"),
      position(2, "BTC", "zscore_reversion"),
      position(3, "ETH", "zscore_reversion"),
    ];
    const flattened: number[] = [];
    const book = {
      open,
      flatten(_v: MarketView, reason: string, only?: (p: Position) => boolean) {
        expect(reason).toBe("signal");
        for (const p of open) if (only?.(p)) flattened.push(p.id);
      },
    } as unknown as TradingBook;
    const H = 3_600_000;
    const view = {
      now: 2 * H,
      closedBars: [bar("BTC", "15m", H + 45 * 60_000), bar("BTC", "1h", H), bar("ETH", "1h", H)],
    } as unknown as MarketView;
    expect(applySignalExits(signals, book, view)).toBe(1);
    expect(asked.sort()).toEqual(["2:BTC:1h", "3:ETH:1h"]);
    expect(flattened).toEqual([2]);
  });
});

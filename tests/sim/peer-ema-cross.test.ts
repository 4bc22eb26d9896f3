// Peer check: a plain EMA8/21 cross with a 2×ATR stop and a 4×ATR target, run through the real engine
// (feature pipeline → engine → simulated venue, legacy model), gives exactly the trade list computed
// independently below with plain loops over the same CSV files.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { Regime } from "../../src/core/bucket.ts";
import type { Candidate } from "../../src/core/signal.ts";
import type { BarCandidates, ClosedBar, SignalSource } from "../../src/engine/ports.ts";
import { parseCandleFile } from "../../src/market/csv-files.ts";
import type { Features } from "../../src/market/features/features.ts";
import { FeaturePipeline } from "../../src/market/features/pipeline.ts";
import { realSeries, runScripted } from "../support/engine-harness.ts";
import { HL_DATA } from "../support/paths.ts";

const HOUR = 3_600_000;
const from = Date.parse("2025-02-10T00:00Z");
const to = Date.parse("2025-05-01T00:00Z");

class EmaCrossSignals implements SignalSource {
  private readonly pipe = new FeaturePipeline("1h");
  private last: Features | null = null;
  onClosedBar(bar: ClosedBar): void {
    if (bar.interval !== "1h") return;
    const f = this.pipe.update(bar.candle, null);
    this.last = f ? { ...f } : null;
  }
  regime(): Regime {
    return "Neutral";
  }
  scan(bar: ClosedBar): BarCandidates {
    const shadow = this.candidates(bar);
    return { shadow, live: shadow };
  }
  private candidates(bar: ClosedBar): Candidate[] {
    const f = this.last;
    if (bar.interval !== "1h" || !f || f.t !== bar.candle.t) return [];
    const up = f.prevEma8 <= f.prevEma21 && f.ema8 > f.ema21;
    const down = f.prevEma8 >= f.prevEma21 && f.ema8 < f.ema21;
    if (!up && !down) return [];
    const d = up ? 1 : -1;
    return [
      {
        strategy: "ema_cross",
        coin: bar.coin,
        timeframe: "1h",
        candleT: f.t,
        decidedAt: f.t + HOUR,
        side: up ? "long" : "short",
        scoreRaw: 50,
        score: 50,
        regime: "Neutral",
        session: "ALL",
        volBucket: "mid",
        setupKey: `${bar.coin}|${f.t}`,
        entryRef: f.close,
        stop: f.close - d * 2 * f.atr14,
        target: f.close + d * 4 * f.atr14,
        features: {},
      },
    ];
  }
}

/** The same strategy with nothing from src/: TA-Lib EMA (SMA seed) and Wilder ATR, then a bar walk. */
function independentTrades(warmup: number) {
  const h1 = parseCandleFile(join(HL_DATA, "ETH-1h.csv.gz")).filter((c) => c.t < to);
  const m15 = parseCandleFile(join(HL_DATA, "ETH-15m.csv.gz")).filter((c) => c.t < to);
  const ema = (n: number) => {
    const out: number[] = [];
    const a = 2 / (n + 1);
    h1.forEach((c, i) => {
      if (i < n - 1) out.push(Number.NaN);
      else if (i === n - 1) out.push(h1.slice(0, n).reduce((s, x) => s + x.close, 0) / n);
      else out.push(out[i - 1]! + a * (c.close - out[i - 1]!));
    });
    return out;
  };
  const e8 = ema(8);
  const e21 = ema(21);
  const atr: number[] = [Number.NaN];
  for (let i = 1; i < h1.length; i++) {
    const c = h1[i]!;
    const tr = Math.max(
      c.high - c.low,
      Math.abs(c.high - h1[i - 1]!.close),
      Math.abs(c.low - h1[i - 1]!.close),
    );
    if (i < 14) atr.push(Number.NaN);
    else if (i === 14) {
      let s = 0;
      for (let k = 1; k <= 14; k++)
        s += Math.max(
          h1[k]!.high - h1[k]!.low,
          Math.abs(h1[k]!.high - h1[k - 1]!.close),
          Math.abs(h1[k]!.low - h1[k - 1]!.close),
        );
      atr.push(s / 14);
    } else atr.push((atr[i - 1]! * 13 + tr) / 14);
  }
  const trades: string[] = [];
  for (let i = warmup; i < h1.length; i++) {
    const close = h1[i]!.t + HOUR;
    if (close <= from) continue;
    const up = e8[i - 1]! <= e21[i - 1]! && e8[i]! > e21[i]!;
    const down = e8[i - 1]! >= e21[i - 1]! && e8[i]! < e21[i]!;
    if (!up && !down) continue;
    const d = up ? 1 : -1;
    const entry = h1[i]!.close;
    const stop = entry - d * 2 * atr[i]!;
    const target = entry + d * 4 * atr[i]!;
    for (const b of m15) {
      if (b.t < close) continue;
      const end = b.t + 15 * 60_000;
      let exit: [number, string] | null = null;
      if ((b.open - stop) * d <= 0) exit = [b.open, "stop"];
      else if ((b.open - target) * d >= 0) exit = [b.open, "target"];
      else if (((d === 1 ? b.low : b.high) - stop) * d <= 0) exit = [stop, "stop"];
      else if (((d === 1 ? b.high : b.low) - target) * d >= 0) exit = [target, "target"];
      else if (end - close >= 48 * HOUR) exit = [b.close, "timeout"];
      if (exit) {
        trades.push(
          `${new Date(close).toISOString()} ${up ? "long" : "short"} ${entry} → ${new Date(end).toISOString()} ${exit[1]} ${exit[0].toFixed(6)}`,
        );
        break;
      }
    }
  }
  return trades;
}

describe("peer check: EMA8/21 cross through the engine", () => {
  test("the engine's trade list equals the independent computation", () => {
    const signals = new EmaCrossSignals();
    const { positions } = runScripted({
      model: "legacy",
      script: [],
      signals,
      series: [realSeries("ETH", "1h", 0, to), realSeries("ETH", "15m", 0, to)],
      tradeFrom: from,
    });
    const engineTrades = positions
      .filter((p) => p.status === "closed" && p.openedAt > from)
      .map(
        (p) =>
          `${new Date(p.openedAt).toISOString()} ${p.side} ${p.entryPx} → ${new Date(p.closedAt!).toISOString()} ${p.exitReason} ${p.exits[0]!.px.toFixed(6)}`,
      );
    const expected = independentTrades(new FeaturePipeline("1h").warmupBars);
    expect(engineTrades.length).toBeGreaterThan(20);
    expect(engineTrades).toEqual(expected);
  });
});

/** A SignalSource that emits hand-written candidates on given candles: engine tests without strategies. */
import type { Regime } from "../../src/core/bucket.ts";
import { intervalMs } from "../../src/core/intervals.ts";
import type { Candidate } from "../../src/core/signal.ts";
import type { BarCandidates, ClosedBar, SignalSource } from "../../src/engine/ports.ts";
import type { Mode } from "../../src/engine/position.ts";

export type Script = Partial<Candidate> &
  Pick<Candidate, "coin" | "side" | "stop" | "target"> & { candleT: number };

export class ScriptedSignals implements SignalSource {
  constructor(
    private readonly script: Script[],
    private readonly modes: Mode[] = ["shadow", "live"],
  ) {}

  onClosedBar(): void {}

  regime(): Regime {
    return "Neutral";
  }

  scan(bar: ClosedBar, _now: number, withLive: boolean): BarCandidates {
    return {
      shadow: this.modes.includes("shadow") ? this.candidates(bar) : [],
      live: withLive && this.modes.includes("live") ? this.candidates(bar) : [],
    };
  }

  private candidates(bar: ClosedBar): Candidate[] {
    return this.script
      .filter(
        (s) => s.coin === bar.coin && s.candleT === bar.candle.t && (s.timeframe ?? "15m") === bar.interval,
      )
      .map((s) => {
        const close = bar.candle.t + intervalMs(bar.interval);
        return {
          strategy: "scripted",
          timeframe: bar.interval,
          decidedAt: close,
          scoreRaw: 70,
          score: 70,
          regime: "Neutral" as Regime,
          session: "US_MAIN",
          volBucket: "mid",
          setupKey: `${s.coin}|${s.side}|${close}`,
          entryRef: bar.candle.close,
          features: { close: bar.candle.close },
          ...s,
        };
      });
  }
}

// The operator's controls in the one engine (issue 16), on synthetic 15m bars with scripted
// candidates: a paused path records its candidates as refused (`paused`) while the other keeps
// opening, and still manages what it holds to its exit; positions asked to close are closed at the
// current price with reason `manual`, only those, the next tick — the daemon sets both fields each tick.
import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/loader.ts";
import { assembleEngine } from "../../src/engine/assemble.ts";
import type { Engine } from "../../src/engine/engine.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { ReplayFeed } from "../../src/sim/replay-feed.ts";
import { scratchDir } from "../support/paths.ts";
import { type Script, ScriptedSignals } from "../support/scripted-signals.ts";

const M15 = 15 * 60_000;
const T0 = Date.parse("2025-03-03T00:00Z");
const at = (bar: number) => T0 + bar * M15;

/** Flat bars at 100 (±0.2), then a rise from bar 20 that reaches a 102 target. */
function bars(coin: string, n: number) {
  const px = (i: number) => (i < 20 ? 100 : 100 + (i - 19) * 0.5);
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  return {
    coin,
    interval: "15m" as const,
    cols: {
      t: col(at),
      open: col(px),
      high: col((i) => px(i) + 0.2),
      low: col((i) => px(i) - 0.2),
      close: col(px),
      volume: col(() => 1000),
    },
  };
}

const long = (coin: string, candle: number): Script => ({
  coin,
  side: "long",
  stop: 98,
  target: 102,
  candleT: at(candle),
});

function run(script: Script[], onBar: (engine: Engine, bar: number) => void) {
  const { config } = loadConfig({ cwd: scratchDir(), env: { HLBOT_RISK__MAX_POSITIONS: "10" } });
  const journal = new MemoryJournal();
  const engine = assembleEngine({
    config,
    model: resolveModel(getModel("v4"), config.friction, config.exits),
    signals: new ScriptedSignals(script, ["shadow", "live"]),
    journal,
    runId: 1,
    withLive: true,
    startEquity: { shadow: 10_000, live: 10_000 },
    ignorePromotion: true,
    equityEveryMs: M15,
  });
  const feed = new ReplayFeed({ series: [bars("ETH", 40), bars("SOL", 40)], funding: new Map() });
  for (const t of feed.times()) {
    onBar(engine, Math.round((t - T0) / M15));
    engine.tick(feed.view(t));
  }
  return journal;
}

describe("operator controls in the engine", () => {
  test("a paused live path refuses new entries as `paused`; shadow opens; what is open is still managed", () => {
    const journal = run([long("ETH", 2), long("SOL", 8)], (engine, bar) => {
      if (bar === 5) engine.paused = { shadow: false, live: true };
    });
    const live = journal.decisions.filter((d) => d.mode === "live");
    expect(live.map((d) => [d.candidate.coin, d.verdict, d.reasons])).toEqual([
      ["ETH", "open", []],
      ["SOL", "rejected", ["paused"]],
    ]);
    const shadow = journal.decisions.filter((d) => d.mode === "shadow");
    expect(shadow.map((d) => [d.candidate.coin, d.verdict])).toEqual([
      ["ETH", "open"],
      ["SOL", "open"],
    ]);
    // The live ETH position opened before the pause ran to its target.
    const eth = journal.positions.find((p) => p.mode === "live" && p.coin === "ETH")!;
    expect(eth.status).toBe("closed");
    expect(eth.exitReason).toBe("target");
  });

  test("a paused shadow path records its candidates as refused; the live path trades", () => {
    const journal = run([long("ETH", 2)], (engine) => {
      engine.paused = { shadow: true, live: false };
    });
    const byMode = (mode: string) =>
      journal.decisions.filter((d) => d.mode === mode).map((d) => [d.verdict, d.reasons]);
    expect(byMode("shadow")).toEqual([["rejected", ["paused"]]]);
    expect(byMode("live")).toEqual([["open", []]]);
  });

  test("close requests: just those positions, at the current price, reason manual, on either path", () => {
    const journal = run([long("ETH", 2), long("SOL", 2)], (engine, bar) => {
      if (bar !== 6) return;
      const ids = [...engine.shadow.open, ...(engine.live?.open ?? [])]
        .filter((p) => p.coin === "ETH")
        .map((p) => p.id);
      expect(ids).toHaveLength(2);
      engine.closeRequests = new Set(ids);
    });
    const closed = (coin: string) => journal.positions.filter((p) => p.coin === coin);
    for (const p of closed("ETH")) {
      expect(p.exitReason).toBe("manual");
      expect(p.closedAt).toBe(at(6));
      expect(p.exits.at(-1)!.px).toBeCloseTo(100, 0);
    }
    for (const p of closed("SOL")) expect(p.exitReason).toBe("target");
  });
});

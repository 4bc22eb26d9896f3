// The engine's risk events and replay rules, on synthetic 15m bars with scripted candidates: the
// kill switch is reported with the drawdown that tripped it and refuses what follows; `reset:N`
// lifts it N later and measures drawdown afresh; a simulated account whose equity reaches zero is
// flattened, recorded at 0 and trades no more; the daemon's default (no endOnRuin) is unchanged.
import { describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/loader.ts";
import { assembleEngine } from "../../src/engine/assemble.ts";
import type { EngineEvent } from "../../src/engine/engine-events.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { ReplayFeed } from "../../src/sim/replay-feed.ts";
import { scratchDir } from "../support/paths.ts";
import { type Script, ScriptedSignals } from "../support/scripted-signals.ts";

const M15 = 15 * 60_000;
const T0 = Date.parse("2025-03-03T00:00Z");
const at = (bar: number) => T0 + bar * M15;

/** Flat bars at 100 (±0.2); `lows` and `opens` override single bars (a stop-out, a gap). */
function bars(n: number, lows: Record<number, number> = {}, opens: Record<number, number> = {}) {
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const open = (i: number) => opens[i] ?? 100;
  return {
    coin: "ETH",
    interval: "15m" as const,
    cols: {
      t: col((i) => at(i)),
      open: col(open),
      high: col((i) => Math.max(open(i), 100) + 0.2),
      low: col((i) => Math.min(lows[i] ?? 99.8, open(i))),
      close: col((i) => (opens[i] !== undefined ? opens[i]! : 100)),
      volume: col(() => 1000),
    },
  };
}

const long = (candle: number, stop = 99): Script => ({
  coin: "ETH",
  side: "long",
  stop,
  target: 110,
  candleT: at(candle),
});

function run(o: {
  model: string;
  env: Record<string, string>;
  script: Script[];
  series: ReturnType<typeof bars>;
  killSwitchResetMs?: number;
  endOnRuin?: boolean;
}) {
  const { config } = loadConfig({
    cwd: scratchDir(),
    env: { HLBOT_RISK__COOLDOWN_AFTER_STOP_MINUTES: "0", ...o.env },
  });
  const journal = new MemoryJournal();
  const engine = assembleEngine({
    config,
    model: resolveModel(getModel(o.model), config.friction, config.exits),
    signals: new ScriptedSignals(o.script, ["live"]),
    journal,
    runId: 1,
    withLive: true,
    startEquity: { shadow: 10_000, live: 10_000 },
    ignorePromotion: true,
    equityEveryMs: M15,
    killSwitchResetMs: o.killSwitchResetMs ?? null,
    endOnRuin: o.endOnRuin ?? false,
  });
  const events: EngineEvent[] = [];
  const halts: string[] = [];
  engine.onEvent = (e) => events.push(e);
  engine.onHalt = (e) => halts.push(e);
  const feed = new ReplayFeed({ series: [o.series], funding: new Map() });
  for (const t of feed.times()) engine.tick(feed.view(t));
  const live = journal.positions.filter((p) => p.mode === "live");
  const decisions = journal.decisions.filter((d) => d.mode === "live");
  const equity = journal.equity.filter((e) => e.mode === "live");
  return { engine, events, halts, live, decisions, equity };
}

// Two stop-outs at 5% risk take the account ~10.7% below its peak: past an 8% floor.
const KILL_ENV = {
  HLBOT_RISK__RISK_FRACTION: "0.05",
  HLBOT_RISK__DRAWDOWN_FLOOR: "0.08",
  HLBOT_RISK__DAILY_LOSS_LIMIT: "0.99",
};
const stopOuts = bars(40, { 4: 98.5, 8: 98.5 });

describe("kill switch", () => {
  test("reported with the drawdown that tripped it; later candidates are refused and held to the end", () => {
    const r = run({
      model: "v2",
      env: KILL_ENV,
      script: [long(2), long(6), long(20), long(30)],
      series: stopOuts,
    });
    const kills = r.events.filter((e) => e.kind === "kill_switch");
    expect(kills.length).toBe(1);
    const k = kills[0]! as Extract<EngineEvent, { kind: "kill_switch" }>;
    expect(k.snapshot.drawdown).toBeGreaterThanOrEqual(0.08);
    expect(k.floor).toBe(0.08);
    expect(k.snapshot.equity).toBeLessThan(k.snapshot.peak);
    expect(r.halts).toEqual(["kill_switch"]); // the daemon's callback still fires
    expect(r.live.length).toBe(2);
    const refused = r.decisions.filter((d) => d.reasons.includes("kill_switch"));
    expect(refused.length).toBe(2);
    expect(r.engine.halts.kill).not.toBeNull();
  });

  test("reset:N lifts it N later, measures drawdown from there, and trading resumes", () => {
    const r = run({
      model: "v2",
      env: KILL_ENV,
      script: [long(2), long(6), long(12), long(30)],
      series: stopOuts,
      killSwitchResetMs: 3 * 3_600_000,
    });
    const kinds = r.events.map((e) => e.kind);
    expect(kinds).toEqual(["kill_switch", "kill_switch_reset"]);
    const [kill, reset] = r.events as [
      Extract<EngineEvent, { kind: "kill_switch" }>,
      Extract<EngineEvent, { kind: "kill_switch_reset" }>,
    ];
    expect(reset.t - kill.t).toBeGreaterThanOrEqual(3 * 3_600_000);
    expect(reset.since).toBe(kill.t);
    expect(reset.snapshot.drawdown).toBe(0);
    expect(reset.snapshot.peak).toBe(reset.snapshot.equity);
    // candle 12 falls inside the halt, candle 30 after it
    expect(r.decisions.filter((d) => d.reasons.includes("kill_switch")).length).toBe(1);
    expect(r.live.length).toBe(3);
    expect(r.engine.halts.kill).toBeNull();
  });
});

describe("ruin", () => {
  // 10% risk on a 0.3% stop, capped by 25× leverage and free margin: a 5% gap through the stop
  // costs more than the whole account (legacy has no liquidation to cap it).
  const RUIN_ENV = {
    HLBOT_RISK__RISK_FRACTION: "0.1",
    HLBOT_RISK__MAX_LEVERAGE: "50",
    HLBOT_RISK__MAX_NOTIONAL_USD: "10000000",
    HLBOT_RISK__DRAWDOWN_FLOOR: "0.99",
    HLBOT_RISK__DAILY_LOSS_LIMIT: "0.99",
  };
  const gap = bars(30, {}, { 5: 95, 6: 95, 7: 95 });

  test("equity at zero ends the simulated account: flattened, recorded at 0, nothing traded after", () => {
    const r = run({
      model: "legacy",
      env: RUIN_ENV,
      script: [long(2, 99.7), long(15, 94.5)],
      series: gap,
      endOnRuin: true,
    });
    const ruin = r.events.find((e) => e.kind === "ruin") as Extract<EngineEvent, { kind: "ruin" }>;
    expect(ruin).toBeDefined();
    expect(ruin.equity).toBeLessThan(0);
    expect(r.engine.liveEnded).toEqual({ t: ruin.t, equity: ruin.equity });
    expect(r.equity.at(-1)!.equity).toBe(0);
    expect(r.equity.every((e) => e.t <= ruin.t)).toBe(true);
    expect(r.equity.filter((e) => e.t < ruin.t).every((e) => e.equity > 0)).toBe(true);
    expect(r.live.length).toBe(1);
    expect(r.decisions.at(-1)!.reasons).toContain("ruin");
  });

  test("without endOnRuin (the daemon) the path goes on as before", () => {
    const r = run({ model: "legacy", env: RUIN_ENV, script: [long(2, 99.7)], series: gap });
    expect(r.events.some((e) => e.kind === "ruin")).toBe(false);
    expect(r.engine.liveEnded).toBeNull();
    expect(r.equity.at(-1)!.equity).toBeLessThan(0);
  });
});

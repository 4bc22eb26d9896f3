// The cluster rule (`risk.cluster_*`) is applied by the engine's live gate, once for both venues: the
// same candidates on the same clusters give the same decisions, refusal reasons and size multipliers
// whether the live book is simulated or the Hyperliquid book on the local venue — where entries only
// reach `open` after the tick, so the rule counts the tick's own accepted entries. In a backtest on
// real data it caps same-side positions per cluster at any time.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { clusterTrackerSettings } from "../../src/config/sections/cluster-risk.ts";
import { HOUR_MS } from "../../src/core/clock.ts";
import { assembleEngine } from "../../src/engine/assemble.ts";
import type { Engine } from "../../src/engine/engine.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import type { Journal, MarketView, TradingBook } from "../../src/engine/ports.ts";
import {
  coinsToLoad,
  createSignalSource,
  signalIntervals,
  warmupMs,
} from "../../src/engine/signal-source.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { parseCandleColumns } from "../../src/market/csv-files.ts";
import { importDirectory } from "../../src/market/importer.ts";
import { RollingClusters } from "../../src/research/cluster-labels.ts";
import { CLUSTER_CAP_REASON } from "../../src/risk/cluster-risk.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { ReplayFeed } from "../../src/sim/replay-feed.ts";
import { setup, stopFakes } from "../live/support.ts";
import { realSeries } from "../support/engine-harness.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";
import { type Script, ScriptedSignals } from "../support/scripted-signals.ts";

const RULE_ENV = {
  HLBOT_RISK__CLUSTER_ENABLED: "true",
  HLBOT_RISK__CLUSTER_MAX_SAME_SIDE: "2",
  HLBOT_RISK__MAX_POSITIONS: "50",
  HLBOT_LIVE__MIN_SCORE: "0",
  HLBOT_RISK__DRAWDOWN_FLOOR: "0.99",
  HLBOT_RISK__DAILY_LOSS_LIMIT: "0.99",
};
const BASKET = ["BTC", "ETH", "SOL", "AVAX", "DOGE", "LINK"];

afterAll(stopFakes);

interface Decided {
  coin: string;
  side: string;
  verdict: string;
  reasons: string[];
  sizeMultiplier: number | null;
}

/** Runs two scripted decision ticks through `engine`, recording what the live gate and sizing decided. */
async function decide(
  engine: Engine,
  journal: MemoryJournal,
  price: (coin: string) => number,
  now: number,
  ticks: { coin: string; side: "long" | "short" }[][],
  afterTick: () => Promise<void>,
): Promise<Decided[]> {
  const live = engine.live as TradingBook;
  const sized = new Map<string, number>();
  const plan = live.plan.bind(live);
  live.plan = (c, view, m) => {
    const p = plan(c, view, m);
    if (p.ok) sized.set(`${c.coin}|${c.candleT}`, p.sizeMultiplier);
    return p;
  };
  const first = journal.decisions.length;
  for (let i = 0; i < ticks.length; i++) {
    const barT = now - 15 * 60_000 + i; // one distinct 15m "bar" per tick, closing now
    const view: MarketView = {
      now: now + i,
      closedBars: ticks[i]!.map(({ coin }) => ({
        coin,
        interval: "15m" as const,
        candle: {
          t: barT,
          open: price(coin),
          high: price(coin),
          low: price(coin),
          close: price(coin),
          volume: 1,
        },
      })),
      segments: new Map(),
      funding: [],
      price: (c) => price(c),
    };
    (engine as unknown as { signals: ScriptedSignals }).signals = new ScriptedSignals(
      ticks[i]!.map(({ coin, side }): Script => {
        const d = side === "long" ? 1 : -1;
        return {
          coin,
          side,
          candleT: barT,
          stop: price(coin) * (1 - d * 0.02),
          target: price(coin) * (1 + d * 0.08),
        };
      }),
      ["live"],
    );
    engine.tick(view);
    await afterTick();
  }
  return journal.decisions.slice(first).map((d) => ({
    coin: d.candidate.coin,
    side: d.candidate.side,
    verdict: d.verdict,
    reasons: d.reasons,
    sizeMultiplier: sized.get(`${d.candidate.coin}|${d.candidate.candleT}`) ?? null,
  }));
}

/** The engine as assembled from the config, its tracker warmed with a week of real 1h bars up to `now`. */
function warmed(
  config: ReturnType<typeof loadConfig>["config"],
  liveBook: TradingBook | undefined,
  now: number,
  ledger?: Journal,
) {
  const journal = new MemoryJournal();
  // On the exchange the decision ids must be the ledger's (orders reference them): record in both.
  const sink: Journal = ledger
    ? {
        recordDecision: (d) => {
          journal.recordDecision(d);
          return ledger.recordDecision(d);
        },
        openPosition: (p) => ledger.openPosition(p),
        updatePosition: (p) => ledger.updatePosition(p),
        recordExit: (p, e) => ledger.recordExit(p, e),
        recordEquity: (e) => ledger.recordEquity(e),
      }
    : journal;
  const engine = assembleEngine({
    config,
    model: resolveModel(getModel("v4"), config.friction, config.exits),
    signals: new ScriptedSignals([], ["live"]),
    journal: sink,
    runId: 0,
    withLive: true,
    ...(liveBook ? { liveBook } : {}),
    startEquity: { shadow: 10_000, live: 10_000 },
    ignorePromotion: true,
  });
  const end = Math.floor(now / HOUR_MS) * HOUR_MS;
  const feed = new ReplayFeed({
    series: BASKET.map((c) => realSeries(c, "1h", end - 10 * 24 * HOUR_MS, end)),
    funding: new Map(),
  });
  for (const t of feed.times()) if (t <= end) engine.warm(feed.view(t));
  return { engine, journal };
}

describe("cluster rule in the engine's live gate", () => {
  test("simulated live book and the Hyperliquid book on the local venue decide identically", async () => {
    const s = await setup(RULE_ENV);
    const live = await s.start();
    const now = s.f.now();
    const { config } = s;
    const hl = warmed(config, live.book, now, s.journal);
    const sim = warmed(config, undefined, now);
    // The basket's largest cluster at `now`, as the engine's tracker sees it.
    const snap = (
      sim.engine as unknown as {
        settings: { cluster: { tracker: { at(n: number): { clusters: { members: string[] }[] } } } };
      }
    ).settings.cluster.tracker.at(now);
    const big = [...snap.clusters].sort((a, b) => b.members.length - a.members.length)[0]!.members;
    expect(big.length, "a cluster of at least four coins at 2025-06-02").toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = big as [string, string, string, string];
    const ticks = [
      [
        { coin: a, side: "long" as const },
        { coin: b, side: "long" as const },
        { coin: c, side: "long" as const },
      ],
      [
        { coin: d, side: "long" as const },
        { coin: c, side: "short" as const },
      ],
    ];
    const price = (coin: string) => s.f.mark(coin)!;
    const gotHl = await decide(hl.engine, hl.journal, price, now, ticks, () => live.afterTick());
    const gotSim = await decide(sim.engine, sim.journal, price, now, ticks, async () => {});
    expect(gotHl).toEqual(gotSim);
    expect(gotSim.map((x) => [x.coin, x.verdict, x.reasons])).toEqual([
      [a, "open", []],
      [b, "open", []],
      [c, "rejected", [CLUSTER_CAP_REASON]],
      [d, "rejected", [CLUSTER_CAP_REASON]],
      [c, "open", []],
    ]);
    expect(gotSim[0]!.sizeMultiplier).toBe(1);
    expect(gotSim[1]!.sizeMultiplier!, "the second same-side bet of a cluster is scaled down").toBeLessThan(
      0.8,
    );
    expect(gotSim[4]!.sizeMultiplier, "a lone short in the cluster is not scaled").toBe(1);
    expect(live.book.open.map((p) => p.coin).sort()).toEqual([a, b, c].sort());
    s.db.close();
  }, 60_000);

  test("max_positions also counts the tick's own entries on the exchange book (it opened five with a cap of two)", async () => {
    const env = { ...RULE_ENV, HLBOT_RISK__CLUSTER_ENABLED: "false", HLBOT_RISK__MAX_POSITIONS: "2" };
    const s = await setup(env);
    const live = await s.start();
    const now = s.f.now();
    const hl = warmed(s.config, live.book, now, s.journal);
    const sim = warmed(s.config, undefined, now);
    const ticks = [BASKET.slice(0, 5).map((coin) => ({ coin, side: "long" as const }))];
    const price = (coin: string) => s.f.mark(coin)!;
    const gotHl = await decide(hl.engine, hl.journal, price, now, ticks, () => live.afterTick());
    const gotSim = await decide(sim.engine, sim.journal, price, now, ticks, async () => {});
    expect(gotHl).toEqual(gotSim);
    expect(gotSim.map((x) => x.verdict)).toEqual(["open", "open", "rejected", "rejected", "rejected"]);
    expect(gotSim[2]!.reasons).toEqual(["max_positions"]);
    expect(live.book.open).toHaveLength(2);
    s.db.close();
  }, 60_000);

  test("in a backtest of the live path on real data no cluster ever holds more than two same-side positions", async () => {
    const db = openLedger(join(scratchDir(), "cluster.db"));
    await importDirectory(db, HL_DATA, { coins: new Set(BASKET) });
    const run = (env: Record<string, string>) => {
      const { config } = loadConfig({ cwd: scratchDir(), env });
      const r = runBacktest(db, {
        config,
        model: "v4",
        coins: coinsToLoad(config, BASKET),
        intervals: signalIntervals(config, null),
        from: Date.parse("2025-03-01T00:00Z"),
        to: Date.parse("2025-04-15T00:00Z"),
        warmupMs: warmupMs(config, null),
        mode: "live",
        ignoreCandidates: true,
        signals: createSignalSource(config, null, BASKET),
        store: false,
      });
      return { r, config };
    };
    const off = run({ ...RULE_ENV, HLBOT_RISK__CLUSTER_ENABLED: "false" });
    const on = run(RULE_ENV);
    const labels = new RollingClusters(
      on.config.engine.coins,
      new Map(BASKET.map((c) => [c, parseCandleColumns(join(HL_DATA, `${c}-1h.csv.gz`))])),
      clusterTrackerSettings(on.config.risk),
    );
    const maxConcurrent = (trades: { coin: string; side: string; openedAt: number; closedAt: number }[]) => {
      let worst = 0;
      for (const t of trades) {
        const cl = labels.labelAt(t.coin, t.openedAt);
        const n = trades.filter(
          (u) =>
            u.side === t.side &&
            u.openedAt <= t.openedAt &&
            u.closedAt > t.openedAt &&
            labels.labelAt(u.coin, t.openedAt) === cl,
        ).length;
        worst = Math.max(worst, n);
      }
      return worst;
    };
    const offTrades = off.r.live!.trades;
    const onTrades = on.r.live!.trades;
    expect(maxConcurrent(offTrades), "without the rule the basket stacks same-side bets").toBeGreaterThan(2);
    expect(maxConcurrent(onTrades)).toBeLessThanOrEqual(2);
    expect(onTrades.length).toBeLessThan(offTrades.length);
    db.close();
  }, 90_000);
});

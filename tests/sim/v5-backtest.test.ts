// v5 against v4 on REAL data: the same scripted BTC long through the real engine over real 4h bars
// of 2024-01-01, the entry filling at 12:00 where the real l2Book hour begins. The two runs must
// differ only by slippage: same trade, size, times and exits; v5's entry walks the recorded book and
// its later exits (no book near them) use the impact model fitted on that hour. Levels set in R (the
// 1.5R partial) are measured from each run's own fill, so they move with the entry's slippage.
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadConfig } from "../../src/config/loader.ts";
import { HOUR_MS } from "../../src/core/clock.ts";
import { EquityTracker } from "../../src/engine/account.ts";
import { bookSettings } from "../../src/engine/assemble.ts";
import { Book } from "../../src/engine/book.ts";
import { Engine } from "../../src/engine/engine.ts";
import { MemoryJournal } from "../../src/engine/journals.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { BookSnapshotsRepo } from "../../src/ledger/repos/book-snapshots.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { parseCandleColumns } from "../../src/market/csv-files.ts";
import { EMPTY_HALTS } from "../../src/risk/halts.ts";
import { runBacktest } from "../../src/sim/backtest.ts";
import { toSnapshotRow } from "../../src/sim/depth/depth-book.ts";
import { DepthSlippage } from "../../src/sim/depth/depth-slippage.ts";
import { predictSlippageBps } from "../../src/sim/depth/impact-model.ts";
import { parseL2BookCsv } from "../../src/sim/depth/l2book-csv.ts";
import { MemoryDepth } from "../../src/sim/depth/memory-depth.ts";
import { walkBook } from "../../src/sim/depth/walk.ts";
import { getModel, resolveModel } from "../../src/sim/models/index.ts";
import { ReplayFeed } from "../../src/sim/replay-feed.ts";
import { SimVenue } from "../../src/sim/sim-venue.ts";
import { realSeries } from "../support/engine-harness.ts";
import { HL_DATA, scratchDir } from "../support/paths.ts";
import { ScriptedSignals } from "../support/scripted-signals.ts";

const T = (iso: string) => Date.parse(`${iso}Z`);
const books = parseL2BookCsv(join(HL_DATA, "l2book", "BTC-l2book-2024-01-01T12.csv.gz"));
const bars4h = parseCandleColumns(join(HL_DATA, "BTC-4h.csv.gz"));
//   4h bar (open)   open   high   low    close
//   01-01 08:00     42542  42805  42491  42727   ← signal bar (decided at its 12:00 close)
//   01-01 12:00     42727  42911  42646  42847   ← entry at its open, 42727 (book at 11:59:59.915)
//   01-01 16:00     42839  43616  42711  43587   ← 1.5R partial
//   01-01 20:00     43582  44265  43460  44241   ← target 44000
const script = [
  {
    coin: "BTC",
    side: "long" as const,
    candleT: T("2024-01-01T08:00"),
    timeframe: "4h" as const,
    stop: 42300,
    target: 44000,
  },
];

function run(name: string, depth: DepthSlippage | null) {
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  const model = resolveModel(getModel(name), config.friction, config.exits);
  const journal = new MemoryJournal();
  const settings = { ...bookSettings(config, "shadow", 1), compounding: false };
  const book = new Book(settings, new SimVenue(model, depth), new EquityTracker("shadow", 10_000), journal);
  const engine = new Engine(
    new ScriptedSignals(script, ["shadow"]),
    book,
    null,
    structuredClone(EMPTY_HALTS),
    journal,
    {
      minScore: 60,
      maxPositions: 4,
      shadowOnly: new Set(),
      probationMultiplier: 0.25,
      halts: config.risk,
      equityEveryMs: HOUR_MS,
    },
  );
  const feed = new ReplayFeed({
    series: [realSeries("BTC", "4h", T("2023-12-28T00:00"), T("2024-01-03T00:00"))],
    funding: new Map(),
  });
  for (const t of feed.times()) engine.tick(feed.view(t));
  return { positions: journal.positions, model };
}

describe("v5 on a real-data backtest", () => {
  const { config } = loadConfig({ cwd: scratchDir(), env: {} });
  const v5model = resolveModel(getModel("v5"), config.friction, config.exits);
  const data = MemoryDepth.fit(new Map([["BTC", books]]), new Map([["BTC", bars4h]]), v5model.depth!, 5);
  const depth = new DepthSlippage(data, v5model.depth!, v5model.slippageBps);
  const v4 = run("v4", null).positions;
  const v5 = run("v5", depth).positions;

  test("the same trade: size, times, exit reasons and exit sizes", () => {
    expect(v5.length).toBe(1);
    expect(v4.length).toBe(1);
    const [a, b] = [v4[0]!, v5[0]!];
    expect(b.modelVersion).toBe("v5");
    expect([b.openedAt, b.closedAt, b.exitReason, b.initialSize]).toEqual([
      a.openedAt,
      a.closedAt,
      a.exitReason,
      a.initialSize,
    ]);
    expect(b.openedAt).toBe(T("2024-01-01T12:00"));
    expect(b.exits.map((e) => [e.t, e.reason, e.size])).toEqual(a.exits.map((e) => [e.t, e.reason, e.size]));
  });

  test("the entry walks the real book at 11:59:59.915; v4 pays its flat 5 bps", () => {
    const [a, b] = [v4[0]!, v5[0]!];
    expect(a.entryPx).toBeCloseTo(42727 * 1.0005, 8);
    // 0.23 BTC fits in the 3.83257 BTC at the 42729 touch: 1 USD over the 42728 mid = 0.234 bps.
    const walked = walkBook(books[0]!, "buy", b.initialSize);
    expect(walked.levelsUsed).toBe(1);
    expect(b.entryPx).toBeCloseTo(42727 * (1 + walked.slippageBpsMid / 10_000), 8);
    expect(b.slippage).toBeLessThan(a.slippage);
  });

  test("exits far from any book use the impact model at the bars' state; counts say so", () => {
    const b = v5[0]!;
    const model = data.model("BTC")!;
    // Raw exit levels: the partial at 1.5R measured from the position's own fill (as live does, so it
    // moves with the entry's slippage), then the fixed 44000 target.
    const raw = [b.entryPx + 1.5 * (b.entryPx - 42300), 44000];
    expect(b.exits.map((e) => e.reason)).toEqual(["partial", "target"]);
    for (const [i, e] of b.exits.entries()) {
      const bps = predictSlippageBps(model, e.size * raw[i]!, data.stateAt("BTC", e.t));
      expect(bps).toBeLessThan(5);
      expect(e.px).toBeCloseTo(raw[i]! * (1 - bps / 10_000), 6);
    }
    expect(v4[0]!.exits[1]!.px).toBeCloseTo(44000 * (1 - 0.0005), 8);
    expect(depth.counts.get("BTC")).toEqual({ book: 1, impact: b.exits.length, flat: 0, exhausted: 0 });
  });

  test("v4 and every older model are unchanged by the depth wiring: no depth source, flat slippage", () => {
    expect(getModel("v4").depth).toBeUndefined();
    expect(() => new SimVenue(v5model)).toThrow("needs a depth source");
  });
});

describe("hlbot backtest --model v5 over a ledger", () => {
  const db = openLedger(":memory:");
  new CandlesRepo(db).insertColumns("BTC", "4h", bars4h);
  new BookSnapshotsRepo(db).insertMany(books.map(toSnapshotRow));
  const backtest = (model: string) => {
    const { config } = loadConfig({ cwd: scratchDir(), env: {} });
    return runBacktest(db, {
      config,
      model,
      coins: ["BTC"],
      intervals: ["4h"],
      from: T("2023-12-31T00:00"),
      to: T("2024-01-03T00:00"),
      warmupMs: 0,
      mode: "shadow",
      ignoreCandidates: true,
      signals: new ScriptedSignals(script, ["shadow"]),
      store: false,
    });
  };

  test("the run fits on the ledger's books, says where each fill's slippage came from, hashes the books", () => {
    const v5 = backtest("v5");
    const v4 = backtest("v4");
    expect(v5.modelVersion).toBe("v5");
    expect(v5.depthFills).toEqual({ BTC: { book: 1, impact: 2, flat: 0, exhausted: 0 } });
    expect(v4.depthFills).toBeUndefined();
    expect(v5.dataHash.startsWith(`${v4.dataHash}+`)).toBe(true);
    expect(v5.shadow.trades.length).toBe(1);
    expect(v5.shadow.trades[0]!.slippage).toBeLessThan(v4.shadow.trades[0]!.slippage);
  });
});

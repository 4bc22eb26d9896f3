// The daemon's market recorder against the local fake Hyperliquid (real data, controllable clock).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { loadConfig } from "../../src/config/loader.ts";
import type { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { AssetCtxsRepo } from "../../src/ledger/repos/asset-ctxs.ts";
import { BookSnapshotsRepo } from "../../src/ledger/repos/book-snapshots.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import {
  MarketRecorder,
  type RecorderConfig,
  type RecorderStores,
  recorderConfig,
} from "../../src/market/recorder.ts";
import { fromL2Book, fromSnapshotRow } from "../../src/sim/depth/depth-book.ts";
import { walkBook } from "../../src/sim/depth/walk.ts";
import { type AcceleratedTime, acceleratedTime, fakeClient } from "../support/fake-hl/client.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { scratchDir } from "../support/paths.ts";

const MIN = 60_000;
let time: AcceleratedTime;
let fake: FakeHyperliquid;
let client: HyperliquidClient;

const CONFIG: RecorderConfig = {
  coins: ["BTC", "ETH"],
  intervals: ["15m", "1h"],
  bookCoins: ["BTC"],
  assetCtxEveryMs: MIN,
  bookEveryMs: MIN,
  bookLevels: 5,
  maxWeightPerTick: 600,
  bootstrapDays: 1,
};

function setup(config: Partial<RecorderConfig> = {}) {
  const db = openLedger(":memory:");
  const stores: RecorderStores = {
    candles: new CandlesRepo(db),
    funding: new FundingRepo(db),
    assetCtxs: new AssetCtxsRepo(db),
    books: new BookSnapshotsRepo(db),
  };
  const io = { transport: client.transport, limiter: client.limiter, sleep: time.sleep };
  return { stores, recorder: new MarketRecorder(io, stores, { ...CONFIG, ...config }) };
}

beforeAll(() => {
  time = acceleratedTime(60);
  fake = startFakeHyperliquid({ time: "2025-06-01T00:07:30Z", rateClock: time.now });
  client = fakeClient(fake, { time });
});
afterAll(() => fake.stop());

describe("MarketRecorder", () => {
  test("records what is new each tick and nothing twice; a quiet tick costs no request", async () => {
    const { stores, recorder } = setup();
    const first = await recorder.tick(fake.now());
    expect(first).toMatchObject({
      assetCtxs: 2,
      books: 1,
      candles: 2 * (95 + 23),
      funding: 2 * 24,
      errors: 0,
      deferred: 0,
    });
    const ctx = stores.assetCtxs.list("BTC")[0]!;
    expect(ctx.t).toBe(fake.now());
    expect(ctx.markPx).toBeCloseTo(fake.mark("BTC")!, 0);
    const book = stores.books.list("BTC")[0]!;
    expect(book.bestBid).toBeLessThan(book.bestAsk);
    expect(book.levels![0].length).toBe(5);

    const quiet = await recorder.tick(fake.now() + 10_000);
    expect(quiet.requests).toBe(0);
    expect(quiet.candles + quiet.funding + quiet.assetCtxs + quiet.books).toBe(0);

    fake.advance(15 * MIN);
    const next = await recorder.tick(fake.now());
    expect(next).toMatchObject({ candles: 2, funding: 0, assetCtxs: 2, books: 1, requests: 4 });
    fake.advance(60 * MIN);
    const hourly = await recorder.tick(fake.now());
    expect(hourly).toMatchObject({ candles: 2 * 4 + 2, funding: 2 });
    expect(stores.candles.lastTime("ETH", "1h")).toBe(Date.parse("2025-06-01T00:00:00Z"));
  });

  test("a failing unit is logged and counted, the rest of the tick goes on, the next tick catches up", async () => {
    const { stores, recorder } = setup();
    fake.injectFault({ kind: "http500", endpoint: "info", type: "l2Book", times: 4 });
    const bad = await recorder.tick(fake.now());
    expect(bad.errors).toBe(1);
    expect(bad.books).toBe(0);
    expect(bad.assetCtxs).toBe(2);
    expect(bad.candles).toBeGreaterThan(0);
    const good = await recorder.tick(fake.now() + 1);
    expect(good).toMatchObject({ errors: 0, books: 1 });
    expect(stores.books.list("BTC").length).toBe(1);
  });

  test("the per-tick weight cap defers work to later ticks; snapshots handed in cost nothing", async () => {
    const { stores, recorder } = setup({ maxWeightPerTick: 60 });
    const known = { assetCtxs: await client.info.metaAndAssetCtxs() };
    const t = fake.now();
    const capped = await recorder.tick(t, known);
    expect(capped.assetCtxs).toBe(2);
    expect(capped.weight).toBeLessThanOrEqual(60);
    expect(capped.deferred).toBeGreaterThan(0);
    let ticks = 1;
    while ((await recorder.tick(t + ticks)).deferred > 0) ticks++;
    expect(ticks).toBeGreaterThan(1);
    expect(stores.candles.lastTime("ETH", "1h")).not.toBeNull();
    expect(stores.funding.lastEventTime("BTC")).not.toBeNull();
  });

  test("by default every level l2Book returns is kept, and the stored book walks exactly like the wire's", async () => {
    const { config } = loadConfig({ cwd: scratchDir(), env: {} });
    expect(recorderConfig(config).bookLevels).toBe(20);
    const { stores, recorder } = setup({ bookLevels: recorderConfig(config).bookLevels });
    const wire = await client.info.l2Book("BTC");
    if (!wire) throw new Error("the venue has a BTC book");
    await recorder.tick(fake.now(), { books: [wire] });
    const stored = fromSnapshotRow(stores.books.list("BTC").find((r) => r.t === wire.time)!)!;
    expect([stored.bids.length, stored.asks.length]).toEqual([20, 20]);
    const exact = fromL2Book(wire);
    for (const size of ["0.5", "3", "25"]) {
      expect(walkBook(stored, "buy", size)).toEqual(walkBook(exact, "buy", size));
      expect(walkBook(stored, "sell", size)).toEqual(walkBook(exact, "sell", size));
    }
  });
});

// hlbot backfill against the local fake Hyperliquid serving the REAL data, on accelerated time.

import type { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { HyperliquidClient } from "../../src/hyperliquid/client.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { type BackfillOptions, backfill } from "../../src/market/backfill.ts";
import { parseCandleFile, parseFundingFile } from "../../src/market/csv-files.ts";
import { type AcceleratedTime, acceleratedTime, fakeClient } from "../support/fake-hl/client.ts";
import { type FakeHyperliquid, listedCoins, startFakeHyperliquid } from "../support/fake-hl/index.ts";
import { HL_DATA } from "../support/paths.ts";

const HOUR = 3_600_000;
/** Limiter time runs this much faster than the wall (the fake's 60 s window too). */
const SPEEDUP = 60;

let time: AcceleratedTime;
let fake: FakeHyperliquid;
let client: HyperliquidClient;

function run(db: Database, options: Omit<BackfillOptions, "now">) {
  return backfill(
    { transport: client.transport, limiter: client.limiter, sleep: time.sleep },
    { candles: new CandlesRepo(db), funding: new FundingRepo(db) },
    { ...options, now: fake.now() },
  );
}

beforeAll(() => {
  time = acceleratedTime(SPEEDUP);
  fake = startFakeHyperliquid({ time: "2025-06-01T00:07:30Z", rateClock: time.now });
  client = fakeClient(fake, { time });
});
afterAll(() => fake.stop());

describe("backfill", () => {
  test("stores exactly the real closed bars and funding events, re-run adds nothing, resumes after time passes", async () => {
    const db = openLedger(":memory:");
    const candles = new CandlesRepo(db);
    const first = await run(db, { coins: ["BTC", "ETH"], intervals: ["15m", "1h", "4h"], days: 10 });
    expect(first.failed).toEqual([]);
    const now = fake.now();
    const since = now - 10 * 24 * HOUR;
    const real = parseCandleFile(`${HL_DATA}/BTC-1h.csv.gz`).filter((c) => c.t >= since && c.t + HOUR <= now);
    expect(candles.list("BTC", "1h")).toEqual(real); // every value exactly as in the real file, no forming bar
    expect(real.length).toBe(239);
    const realFunding = parseFundingFile(`${HL_DATA}/ETH-funding-1h.csv.gz`).filter(
      (f) => f.eventT >= since && f.eventT <= now,
    );
    expect(new FundingRepo(db).list("ETH").map((f) => [f.eventT, f.rate])).toEqual(
      realFunding.map((f) => [f.eventT, f.rate]),
    );
    expect(first.coins.BTC).toMatchObject({ candles: 959 + 239 + 59, funding: 240 });
    expect(first.coins.BTC!.weight).toBe(
      first.series.filter((s) => s.coin === "BTC").reduce((w, s) => w + s.weight, 0),
    );

    const again = await run(db, { coins: ["BTC", "ETH"], intervals: ["15m", "1h", "4h"], days: 10 });
    expect(again.added).toBe(0);
    expect(again.requests).toBe(0); // nothing closed and no funding due: not a single request

    fake.advance(3 * HOUR);
    const later = await run(db, { coins: ["BTC", "ETH"], intervals: ["15m", "1h", "4h"], days: 10 });
    expect(later.coins.BTC).toMatchObject({ candles: 12 + 3 + 0, funding: 3 });
    expect(candles.lastTime("BTC", "15m")).toBe(Math.floor(fake.now() / 900_000) * 900_000 - 900_000);
  });

  test("a series that keeps failing is reported, the rest is stored, and the re-run completes it", async () => {
    const db = openLedger(":memory:");
    fake.injectFault({ kind: "http500", endpoint: "info", type: "fundingHistory", times: 4 }); // all retries of one call
    const broken = await run(db, { coins: ["SOL"], intervals: ["1h"], days: 2 });
    expect(broken.failed.map((f) => `${f.coin} ${f.series}`)).toEqual(["SOL funding"]);
    // issue 12 §2: the summary counts what failed, retries included (4 attempts, 3 of them retries).
    expect(broken).toMatchObject({ failedRequests: 4, retries: 3 });
    expect(broken.failed[0]?.error).toContain("HTTP 500");
    expect(broken.coins.SOL!.candles).toBeGreaterThan(40);
    const fixed = await run(db, { coins: ["SOL"], intervals: ["1h"], days: 2 });
    expect(fixed.failed).toEqual([]);
    expect(fixed).toMatchObject({ failedRequests: 0, retries: 0 });
    expect(fixed.coins.SOL).toMatchObject({ candles: 0, funding: 48 });
  });

  test("the whole universe in one run stays inside the weight budget: zero 429s", async () => {
    const before = fake.stats();
    const db = openLedger(":memory:");
    const summary = await run(db, { coins: listedCoins(), intervals: ["15m", "1h", "4h"], days: 7 });
    const after = fake.stats();
    expect(summary.failed).toEqual([]);
    expect(Object.keys(summary.coins).length).toBe(23);
    expect(summary.weight).toBeGreaterThan(1200); // more than one minute of budget: pacing was exercised
    expect(after.weight - before.weight).toBe(summary.weight);
    expect(after.rateLimited - before.rateLimited).toBe(0);
    expect(client.limiter.stats().rateLimited429).toBe(0);
    for (const [coin, c] of Object.entries(summary.coins)) {
      expect(c.weight, coin).toBeGreaterThan(0);
      expect(c.candles, coin).toBeGreaterThan(0);
    }
  }, 60_000);
});

// issue 12 §2: the start-up history top-up reports progress per series, names the cause of a failure
// and counts failed requests and retries honestly (a round of failed retries is not "0 errors").
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SeriesSet } from "../../src/daemon/series.ts";
import { topUp } from "../../src/daemon/top-up.ts";
import { openLedger } from "../../src/ledger/open.ts";
import { CandlesRepo } from "../../src/ledger/repos/candles.ts";
import { FundingRepo } from "../../src/ledger/repos/funding.ts";
import { configureLogger } from "../../src/log.ts";
import { acceleratedTime, fakeClient } from "../support/fake-hl/client.ts";
import { type FakeHyperliquid, startFakeHyperliquid } from "../support/fake-hl/index.ts";

let fake: FakeHyperliquid;
beforeAll(() => {
  configureLogger({ level: "error" });
  fake = startFakeHyperliquid({ time: "2025-06-02T00:00:00Z" });
});
afterAll(() => fake.stop());

describe("topUp", () => {
  test("issue 12 §2: progress per series; a failure keeps its cause; failed requests and retries are counted", async () => {
    const time = acceleratedTime(1_000); // retry backoff passes in a blink
    const client = fakeClient(fake, { time });
    const db = openLedger(":memory:");
    fake.injectFault({ kind: "http500", endpoint: "info", type: "fundingHistory", times: 4 });
    const progress: string[] = [];
    const r = await topUp(
      { transport: client.transport, limiter: client.limiter, sleep: time.sleep },
      { candles: new CandlesRepo(db), funding: new FundingRepo(db) },
      new SeriesSet(["BTC"], ["1h", "4h"]),
      {
        now: fake.now(),
        historyBars: 100,
        fundingSpanMs: 24 * 3_600_000,
        onProgress: (done, total, label) => progress.push(`${done}/${total} ${label}`),
      },
    );
    expect(progress).toEqual(["0/3 BTC 1h", "1/3 BTC 4h", "2/3 BTC funding", "3/3 "]);
    expect(r.candles).toBe(200);
    expect(Object.keys(r.failed)).toEqual(["BTC funding"]);
    expect(r.failed["BTC funding"]).toMatch(/^transport: POST \/info to 127\.0\.0\.1:\d+: HTTP 500$/);
    expect(r).toMatchObject({ failedRequests: 4, retries: 3, aborted: false });
    db.close();
  });
});

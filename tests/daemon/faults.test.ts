// Every fault the fake Hyperliquid injects — HTTP 500, 429, timeouts, malformed JSON, websocket
// drops — is survived: each tick still completes (the ticks counter moves on by one per tick), the
// failures are counted by kind, and once the fault clears the ledger catches up with no gap.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { FaultRule } from "../support/fake-hl/index.ts";
import { type Rig, rig, shutdown, step } from "./support/harness.ts";

async function waitFor(ok: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`not within ${ms} ms`);
    await Bun.sleep(50);
  }
}

let r: Rig;
const PHASE_TICKS = 8;

beforeAll(async () => {
  r = rig({
    time: "2025-06-03T00:00:10Z",
    overrides: {
      "engine.history_bars": 100,
      // A REST request every minute (asset contexts, BTC book) so every phase meets its fault.
      "market_data.asset_ctx_seconds": 60,
      "market_data.book_seconds": 60,
      "daemon.rest_deadline_ms": 1_500,
    },
  });
  await r.daemon.start();
  for (let i = 0; i < 4; i++) await step(r);
}, 120_000);
afterAll(() => shutdown(r));

/** Runs one phase of ticks under `faults`; returns the stats before and after. */
async function phase(faults: FaultRule[], during?: () => void) {
  const before = r.daemon.stats();
  for (const f of faults) r.fake.injectFault(f);
  for (let i = 0; i < PHASE_TICKS; i++) {
    if (i === 1) during?.();
    await step(r);
  }
  r.fake.clearFaults();
  return { before, after: r.daemon.stats() };
}

function gapFree(): void {
  const len: Record<string, number> = { "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000 };
  const rows = r.db
    .query(
      "SELECT coin, interval, COUNT(*) AS n, MIN(t) AS lo, MAX(t) AS hi FROM candles GROUP BY coin, interval",
    )
    .all() as { coin: string; interval: string; n: number; lo: number; hi: number }[];
  for (const s of rows) expect((s.hi - s.lo) / len[s.interval]! + 1).toBe(s.n);
}

describe("hlbot trade under injected faults", () => {
  test("HTTP 500 on every info request: ticks go on, recorder failures counted", async () => {
    const { before, after } = await phase([{ kind: "http500", endpoint: "info", probability: 1 }]);
    expect(after.ticks - before.ticks).toBe(PHASE_TICKS);
    expect(after.errorsTotal).toBeGreaterThan(before.errorsTotal);
    expect(after.errors.recorder ?? 0).toBeGreaterThan(before.errors.recorder ?? 0);
  }, 120_000);

  test("HTTP 429: backed off and retried, counted as rate limited, ticks go on", async () => {
    const limited = r.client.stats().limiter.rateLimited429;
    const { before, after } = await phase([{ kind: "http429", endpoint: "info", times: 6 }]);
    expect(after.ticks - before.ticks).toBe(PHASE_TICKS);
    expect(r.client.stats().limiter.rateLimited429).toBeGreaterThan(limited);
  }, 120_000);

  test("timeouts: a tick never waits past the REST deadline", async () => {
    const { before, after } = await phase([{ kind: "timeout", endpoint: "info", times: 3, delayMs: 60_000 }]);
    expect(after.ticks - before.ticks).toBe(PHASE_TICKS);
    expect(after.restDeferred).toBeGreaterThan(before.restDeferred);
  }, 120_000);

  test("malformed JSON: a decode failure, counted, ticks go on", async () => {
    const { before, after } = await phase([{ kind: "malformed", endpoint: "info", probability: 1 }]);
    expect(after.ticks - before.ticks).toBe(PHASE_TICKS);
    expect(after.errors.recorder ?? 0).toBeGreaterThan(before.errors.recorder ?? 0);
  }, 120_000);

  test("websocket drops (network cut, then cut again on the resubscribe): ticks go on, mids over REST", async () => {
    const reconnects = r.client.ws.stats().reconnects;
    const before = r.daemon.stats();
    r.fake.injectFault({ kind: "wsDrop", endpoint: "ws", times: 1 });
    r.fake.dropWebSockets();
    for (let i = 0; i < PHASE_TICKS; i++) await step(r); // the reconnect timer runs on real time
    expect(r.daemon.stats().ticks - before.ticks).toBe(PHASE_TICKS);
    expect(r.fake.stats().info.allMids?.count ?? 0).toBeGreaterThan(0);
    await waitFor(
      () => r.client.ws.stats().reconnects >= reconnects + 2 && r.client.ws.state === "open",
      15_000,
    );
    for (let i = 0; i < PHASE_TICKS; i++) await step(r);
    expect(r.daemon.stats().ticks - before.ticks).toBe(2 * PHASE_TICKS);
  }, 120_000);

  test("after the faults: a few clean ticks catch the ledger and the engine up, with no gap", async () => {
    for (let i = 0; i < 40; i++) await step(r);
    gapFree();
    const now = r.clock.now();
    const cursors = r.daemon.session!.cursors.bars;
    for (const [key, t] of Object.entries(cursors)) {
      const len = key.endsWith("15m") ? 900_000 : key.endsWith("4h") ? 14_400_000 : 3_600_000;
      expect(t).toBe(Math.floor(now / len) * len - len);
    }
    expect(r.daemon.stats().boots).toBe(1);
  }, 120_000);
});

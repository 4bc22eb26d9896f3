/**
 * Backfill of the whole universe (23 perps × 15m/1h/4h + funding, 30 days) against the local fake
 * Hyperliquid replaying the real data: weight used per coin, requests, 429s, and time. Hyperliquid's
 * 1200-weight/minute budget dominates the duration, so by default the budget clocks (the adapter's
 * limiter and the fake's window) run BENCH_BACKFILL_SPEEDUP× faster (default 30) and the report
 * gives both the wall time and the budget time (what a real run would take); set it to 1 for a
 * real-time run. BENCH_BACKFILL_DAYS changes the window.
 */
import { openLedger } from "../src/ledger/open.ts";
import { CandlesRepo } from "../src/ledger/repos/candles.ts";
import { FundingRepo } from "../src/ledger/repos/funding.ts";
import { backfill } from "../src/market/backfill.ts";
import { acceleratedTime, fakeClient } from "../tests/support/fake-hl/client.ts";
import { listedCoins, startFakeHyperliquid } from "../tests/support/fake-hl/index.ts";

const speedup = Number(process.env.BENCH_BACKFILL_SPEEDUP ?? 30);
const days = Number(process.env.BENCH_BACKFILL_DAYS ?? 30);

const time = acceleratedTime(speedup);
const fake = startFakeHyperliquid({ time: "2025-06-01T00:30:00Z", rateClock: time.now });
const client = fakeClient(fake, { time });
try {
  const coins = listedCoins();
  const db = openLedger(":memory:");
  const wall0 = performance.now();
  const budget0 = time.now();
  const summary = await backfill(
    { transport: client.transport, limiter: client.limiter, sleep: time.sleep },
    { candles: new CandlesRepo(db), funding: new FundingRepo(db) },
    { coins, intervals: ["15m", "1h", "4h"], days, now: fake.now() },
  );
  const wallS = (performance.now() - wall0) / 1000;
  const budgetS = (time.now() - budget0) / 1000;
  const stats = fake.stats();
  console.log(
    `\nbackfill: ${coins.length} coins × 15m/1h/4h + funding, ${days} days (budget clock ×${speedup})`,
  );
  console.log("  coin    rows    requests  weight");
  for (const [coin, c] of Object.entries(summary.coins)) {
    console.log(
      `  ${coin.padEnd(6)} ${String(c.candles + c.funding).padStart(6)} ${String(c.requests).padStart(8)} ${String(c.weight).padStart(8)}`,
    );
  }
  const perCoin = summary.weight / coins.length;
  console.log(
    `  total: ${summary.added} rows, ${summary.requests} requests, weight ${summary.weight} (${perCoin.toFixed(0)}/coin), ` +
      `fake saw weight ${stats.weight}, 429s ${stats.rateLimited}, failed series ${summary.failed.length}`,
  );
  console.log(
    `  time: wall ${wallS.toFixed(1)} s; budget time ${(budgetS / 60).toFixed(2)} min ` +
      `(at 960 weight/min the floor is ${(Math.max(0, summary.weight - 960) / 960).toFixed(2)} min); ` +
      `${Math.round(summary.added / wallS)} rows/s wall`,
  );
} finally {
  await fake.stop();
}

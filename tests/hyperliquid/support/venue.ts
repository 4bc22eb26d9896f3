/** A transport to the scripted local server with an instant limiter (manual clock, sleep = advance). */
import { ManualClock } from "../../../src/core/clock.ts";
import { HttpTransport } from "../../../src/hyperliquid/http.ts";
import { WeightLimiter } from "../../../src/hyperliquid/rate-limit.ts";

export function instantTransport(baseUrl: string, clock = new ManualClock(1_700_000_000_000)) {
  const sleep = async (ms: number) => clock.advance(ms);
  const limiter = new WeightLimiter({ budgetFraction: 1, clock, sleep });
  const transport = new HttpTransport({ baseUrl, timeoutMs: 2_000, limiter, sleep, random: () => 0.5 });
  return { clock, limiter, transport };
}
